package dev.payrail.graphql;

import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** A payment's next action, as in the REST {@code next_action}. */
@Type("NextAction")
public class NextActionNode {

    private final Map<String, Object> action;

    NextActionNode(Map<String, Object> action) {
        this.action = action;
    }

    @Description("redirect_to_url, display_qr_code or upi_collect.")
    public String getType() {
        return text("type");
    }

    @Description("redirect_to_url: the page (checkout, 3-D Secure, provider approval) to send the payer to.")
    public String getUrl() {
        return text("url");
    }

    public String getReturnUrl() {
        return text("return_url");
    }

    @Description("display_qr_code: the text the QR code encodes.")
    public String getData() {
        return text("data");
    }

    @Description("display_qr_code: the QR code as an SVG data URL.")
    public String getImageDataUrl() {
        return text("image_data_url");
    }

    public String getExpiresAt() {
        return text("expires_at");
    }

    private String text(String key) {
        Object v = action.get(key);
        return v == null ? null : v.toString();
    }
}
