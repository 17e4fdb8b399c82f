package dev.payrail.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** The GraphQL input types. Amounts are integers in minor units (never floats). */
public final class Inputs {

    private Inputs() {
    }

    @Input("InitiatePaymentInput")
    @Description("A payment for an order (orderId), or one-step (amount and currency: the order is created with it).")
    public static class InitiatePayment {
        @Description("The provider to use; absent: the merchant's routing decides.")
        public String provider;
        @Description("Minor units (cents) as a string of digits, e.g. \"1999\"; never a float. One-step payments only.")
        public String amount;
        @Description("ISO 4217 code. One-step payments only.")
        public String currency;
        @Description("An existing order to pay.")
        public String orderId;
        @Description("card, upi, wallet or bank_transfer.")
        @NonNull
        public String method;
        @Description("automatic (default) or manual.")
        public String capture;
        public CardInput card;
        public UpiInput upi;
        public WalletInput wallet;
        @Description("What is paid for; in a one-step payment they must add up to amount.")
        public List<@NonNull LineItemInput> lineItems;
        @Description("The merchant's own reference of this payment.")
        public String externalReference;
        @Description("Free key/value pairs kept with the payment (its metadata).")
        public List<@NonNull EntryInput> customParameters;
        @Description("The receipt of the order a one-step payment creates.")
        public String receipt;
    }

    @Input("CardInput")
    @Description("Card data: used for the provider call only, never stored, logged or returned.")
    public static class CardInput {
        @NonNull
        public String number;
        @NonNull
        public Integer expiryMonth;
        @NonNull
        public Integer expiryYear;
        public String cvc;
        public String holderName;

        @Override
        public String toString() {
            return "CardInput[masked]";
        }
    }

    @Input("UpiInput")
    public static class UpiInput {
        @NonNull
        public String vpa;
    }

    @Input("WalletInput")
    public static class WalletInput {
        @NonNull
        public String wallet;
        @Description("qr or redirect; absent: the provider's default.")
        public String flow;
        @Description("The merchant's page the payer comes back to after a redirect flow.")
        public String returnUrl;
    }

    @Input("LineItemInput")
    public static class LineItemInput {
        @NonNull
        public Integer quantity;
        @NonNull
        public String description;
        @Description("Unit price in minor units as a string of digits, e.g. \"500\".")
        @NonNull
        public String price;
        public String productUrl;
    }

    @Input("PaymentFilter")
    public static class PaymentFilter {
        public String status;
        public String method;
        public String provider;
        public String orderId;
        @Description("ISO 8601 instant: created at or after.")
        public String createdGte;
        @Description("ISO 8601 instant: created at or before.")
        public String createdLte;
    }

    @Input("OrderFilter")
    public static class OrderFilter {
        @Description("created, attempted or paid.")
        public String status;
        public String createdGte;
        public String createdLte;
    }

    @Input("RefundFilter")
    public static class RefundFilter {
        public String paymentId;
        @Description("pending, processed or failed.")
        public String status;
    }
}
