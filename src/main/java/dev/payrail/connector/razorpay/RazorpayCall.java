package dev.payrail.connector.razorpay;

import dev.payrail.connector.CallReach;

/**
 * One request to Razorpay. Never printed with its body or credentials: the body may carry card data.
 *
 * @param repeatable whether Razorpay de-duplicates it ({@code unique_receipt} orders, refunds with
 *                   {@code X-Refund-Idempotency}, reads), so that it may be resent after an ambiguous
 *                   failure; payment creates and captures are resent only when they never left
 * @param reach      whether a try of this call may have reached Razorpay ({@link CallReach})
 */
record RazorpayCall(Kind kind, String auth, String objectId, String idempotencyKey, String body, boolean repeatable,
        CallReach reach) {

    enum Kind {
        CREATE_ORDER, ORDERS_BY_RECEIPT, ORDER_PAYMENTS, CREATE_CARD_PAYMENT, CREATE_UPI_PAYMENT, PAYMENT, CAPTURE,
        REFUND, PAYMENT_REFUNDS, FETCH_REFUND
    }

    static RazorpayCall createOrder(String auth, String json) {
        return new RazorpayCall(Kind.CREATE_ORDER, auth, null, null, json, true, new CallReach());
    }

    static RazorpayCall createPayment(Kind kind, String auth, String json) {
        return new RazorpayCall(kind, auth, null, null, json, false, new CallReach());
    }

    static RazorpayCall capture(String auth, String paymentId, String json) {
        return new RazorpayCall(Kind.CAPTURE, auth, paymentId, null, json, false, new CallReach());
    }

    static RazorpayCall refund(String auth, String paymentId, String idempotencyKey, String json) {
        return new RazorpayCall(Kind.REFUND, auth, paymentId, idempotencyKey, json, true, new CallReach());
    }

    /** A read: of a payment, a refund, an order's payments, a payment's refunds or orders by receipt. */
    static RazorpayCall read(Kind kind, String auth, String objectId) {
        return new RazorpayCall(kind, auth, objectId, null, null, true, new CallReach());
    }

    @Override
    public String toString() {
        return "RazorpayCall[" + kind + ", " + objectId + "]";
    }
}
