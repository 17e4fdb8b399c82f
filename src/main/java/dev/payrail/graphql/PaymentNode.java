package dev.payrail.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.payment.PaymentView;

/**
 * A payment as GraphQL shows it: the REST {@link PaymentView}, field for field in camelCase, with
 * the GraphQL input's line items, external reference and custom parameters read back from the
 * metadata they are kept in ({@link PaymentInputMapping}). Its refunds, attempts and events are
 * batch-loaded fields ({@link PaymentGraph}).
 */
@Type("Payment")
@Description("A payment. Amounts are integers in the currency's minor unit.")
public class PaymentNode {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PaymentView view;
    final String merchantId;

    PaymentNode(PaymentView view, String merchantId) {
        this.view = view;
        this.merchantId = merchantId;
    }

    public @NonNull String getId() {
        return view.id();
    }

    public String getOrderId() {
        return view.orderId();
    }

    public @NonNull Long getAmount() {
        return view.amount();
    }

    public @NonNull String getCurrency() {
        return view.currency();
    }

    @Description("created, processing, requires_action, authorized, capture_pending, captured, cancel_pending, "
            + "cancelled, partially_refunded, refunded, failed, disputed (as in the REST API).")
    public @NonNull String getStatus() {
        return view.status().publicName();
    }

    public @NonNull String getMethod() {
        return view.method().jsonName();
    }

    @Description("The fraud-rule decision made before the provider was called (merchants only).")
    public RiskNode getRisk() {
        return view.risk() == null ? null : new RiskNode(view.risk());
    }

    @Description("The card's brand, last four digits and expiry; never the number.")
    public CardNode getCard() {
        return view.card() == null ? null : new CardNode(view.card());
    }

    @Description("The method's other details (UPI VPA, wallet, flow, return URL).")
    public @NonNull List<@NonNull Entry> getMethodDetails() {
        Map<String, Object> d = view.upi() != null ? view.upi() : view.wallet() != null ? view.wallet() : view.bankTransfer();
        return Entry.of(d, Set.of());
    }

    @Description("The merchant's customer the payment is for (cus_…), if any.")
    public String getCustomer() {
        return view.customer();
    }

    @Description("The saved payment method charged, or saved by this payment (pm_…), if any.")
    public String getPaymentMethod() {
        return view.paymentMethod();
    }

    @Description("Whether the payment is merchant-initiated (the customer was not present); set on payments for a customer.")
    public Boolean getOffSession() {
        return view.offSession();
    }

    public String getCaptureMethod() {
        return view.captureMethod();
    }

    public String getProvider() {
        return view.provider();
    }

    public String getProviderReference() {
        return view.providerReference();
    }

    public @NonNull Long getAmountAuthorized() {
        return view.amountAuthorized();
    }

    public @NonNull Long getAmountCaptured() {
        return view.amountCaptured();
    }

    public @NonNull Long getAmountRefunded() {
        return view.amountRefunded();
    }

    public @NonNull Long getAmountRefundPending() {
        return view.amountRefundPending();
    }

    public String getErrorCode() {
        return view.errorCode();
    }

    public String getErrorDescription() {
        return view.errorDescription();
    }

    public String getDeclineCode() {
        return view.declineCode();
    }

    @Description("What the payer must do next (requires_action): open a URL, scan a QR code, approve in an app.")
    public NextActionNode getNextAction() {
        return view.nextAction() == null ? null : new NextActionNode(view.nextAction());
    }

    @Description("The card payment's 3-D Secure authentication (null for other methods).")
    public ThreeDSecureNode getThreeDSecure() {
        return view.threeDSecure() == null ? null : new ThreeDSecureNode(view.threeDSecure());
    }

    public String getExternalReference() {
        Object v = view.metadata() == null ? null : view.metadata().get(PaymentInputMapping.EXTERNAL_REFERENCE);
        return v == null ? null : v.toString();
    }

    public @NonNull List<@NonNull LineItemNode> getLineItems() {
        Object v = view.metadata() == null ? null : view.metadata().get(PaymentInputMapping.LINE_ITEMS);
        if (!(v instanceof String s)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> items = JSON.readValue(s, new TypeReference<>() {
            });
            List<LineItemNode> out = new ArrayList<>();
            for (Map<String, Object> i : items) {
                out.add(new LineItemNode(i));
            }
            return out;
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Description("The payment's metadata other than the line items and the external reference.")
    public @NonNull List<@NonNull Entry> getCustomParameters() {
        return Entry.of(view.metadata(), PaymentInputMapping.RESERVED);
    }

    public @NonNull Integer getVersion() {
        return view.version();
    }

    public @NonNull Instant getCreatedAt() {
        return view.createdAt();
    }

    public @NonNull Instant getUpdatedAt() {
        return view.updatedAt();
    }

    String id() {
        return view.id();
    }
}
