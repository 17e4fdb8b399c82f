package dev.payrail.graphql;

import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A card payment's 3-D Secure authentication, as in the REST {@code three_d_secure}. */
@Type("ThreeDSecure")
public class ThreeDSecureNode {

    private final Map<String, Object> value;

    ThreeDSecureNode(Map<String, Object> value) {
        this.value = value;
    }

    @Description("Whether Payrail asked the provider to authenticate the cardholder.")
    public boolean isRequested() {
        return Boolean.TRUE.equals(value.get("requested"));
    }

    @Description("Why: always, threshold, off_session, never, or null (the provider decides).")
    public String getReason() {
        Object v = value.get("reason");
        return v == null ? null : v.toString();
    }

    @Description("requested, not_requested, pending, authenticated, failed, abandoned, canceled, not_performed.")
    public String getStatus() {
        Object v = value.get("status");
        return v == null ? null : v.toString();
    }

    @Description("The 3-D Secure protocol version, when known.")
    public String getVersion() {
        Object v = value.get("version");
        return v == null ? null : v.toString();
    }

    @Description("Whether fraud chargeback liability shifted to the issuer (after a successful authentication).")
    public boolean isLiabilityShift() {
        return Boolean.TRUE.equals(value.get("liability_shift"));
    }
}
