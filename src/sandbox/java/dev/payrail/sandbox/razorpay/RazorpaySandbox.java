package dev.payrail.sandbox.razorpay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.RecentCounts;
import dev.payrail.sandbox.SandboxConfig;

/**
 * The state of the Razorpay emulator: orders (found again by {@code receipt} with
 * {@code unique_receipt}), payments on them (card: the bank's OTP page; UPI collect: the payer
 * approves; then {@code authorized}, or {@code captured} when the order asked for automatic capture,
 * or {@code failed}), full captures, refunds de-duplicated by {@code X-Refund-Idempotency}. Every
 * object belongs to the key id that created it. Counts authorizations per Payrail payment (notes
 * {@code payrail_payment_id}), so tests can prove that nothing was charged twice.
 *
 * <p>Each store keeps the last {@code payrail.sandbox.remembered-payments} entries ({@link Recent});
 * a forgotten object answers Razorpay's {@code 400 "The id provided does not exist"}.
 */
@Singleton
public class RazorpaySandbox implements dev.payrail.sandbox.TunableEmulator<RazorpaySandboxSettings> {

    /** An answer: HTTP status, JSON body, and the events the change caused (already sent when a URL is set). */
    public record Reply(int status, Object body, List<RazorpaySandboxWebhooks.Signed> events) {
        static Reply ok(Object body) {
            return new Reply(200, body, List.of());
        }
    }

    private static final Pattern VPA = Pattern.compile("[A-Za-z0-9._-]{2,256}@[A-Za-z]{2,64}");
    private static final Pattern REFUND_KEY = Pattern.compile("[A-Za-z0-9_-]{10,}");

    private final RazorpaySandboxConfig config;
    private final RazorpaySandboxWebhooks webhooks;
    private volatile RazorpaySandboxSettings settings;
    private final Recent<String, Map<String, Object>> orders;
    private final Recent<String, String> receipts;
    private final Recent<String, Map<String, Object>> payments;
    private final Recent<String, Map<String, Object>> refunds;
    private final Recent<String, String[]> refundKeys;
    private final RecentCounts authorizations;

    RazorpaySandbox(RazorpaySandboxConfig config, RazorpaySandboxWebhooks webhooks, SandboxConfig sandbox) {
        this.config = config;
        this.webhooks = webhooks;
        this.settings = RazorpaySandboxSettings.of(config);
        int n = sandbox.rememberedPayments();
        this.orders = new Recent<>(n);
        this.receipts = new Recent<>(n);
        this.payments = new Recent<>(n);
        this.refunds = new Recent<>(n);
        this.refundKeys = new Recent<>(n);
        this.authorizations = new RecentCounts(n);
    }

    // ---- settings and counters ----------------------------------------------------------------

    public RazorpaySandboxSettings settings() {
        return settings;
    }

    public String update(RazorpaySandboxSettings update) {
        RazorpaySandboxSettings next = settings.merge(update);
        String invalid = next.invalid();
        if (invalid == null) {
            settings = next;
        }
        return invalid;
    }

    public void resetSettings() {
        settings = RazorpaySandboxSettings.of(config);
    }

    /** Payments that reached {@code authorized} (or captured) for a Payrail payment. */
    public int chargesForPayment(String payrailPaymentId) {
        return authorizations.get(payrailPaymentId);
    }

    /** The test key pair's account. */
    public String sandboxKeyId() {
        return config.keyId();
    }

    /** The key id of a test-mode Basic credential, or null: {@code rzp_test_…} with a secret (the configured pair must match). */
    String account(String keyId, String keySecret) {
        if (keyId == null || !keyId.startsWith("rzp_test_") || keySecret == null || keySecret.isEmpty()) {
            return null;
        }
        return keyId.equals(config.keyId()) && !keySecret.equals(config.keySecret()) ? null : keyId;
    }

    // ---- orders -------------------------------------------------------------------------------

    public Reply createOrder(String account, Map<String, Object> body) {
        Object amount = body.get("amount");
        if (!(amount instanceof Number a) || a.longValue() < 100 || a.doubleValue() != a.longValue()) {
            return RazorpayErrors.badRequest("The amount must be atleast INR 1.00.", "amount");
        }
        if (!(body.get("currency") instanceof String currency) || currency.length() != 3) {
            return RazorpayErrors.badRequest("The currency field is required.", "currency");
        }
        String receipt = body.get("receipt") instanceof String s ? s : null;
        if (receipt != null && receipt.length() > 40) {
            return RazorpayErrors.badRequest("The receipt may not be greater than 40 characters.", "receipt");
        }
        boolean unique = Boolean.TRUE.equals(body.get("unique_receipt"));
        if (receipt != null && unique) {
            String known = receipts.get(account + "|" + receipt);
            Map<String, Object> existing = known == null ? null : orders.get(known);
            if (existing != null) {
                synchronized (existing) {
                    return Reply.ok(new LinkedHashMap<>(existing));
                }
            }
        }
        Map<String, Object> order = new LinkedHashMap<>();
        String id = "order_" + Ids.random(14);
        order.put("id", id);
        order.put("entity", "order");
        order.put("amount", a.longValue());
        order.put("amount_paid", 0L);
        order.put("amount_due", a.longValue());
        order.put("currency", currency);
        order.put("receipt", receipt);
        order.put("offer_id", null);
        order.put("status", "created");
        order.put("attempts", 0);
        order.put("notes", body.getOrDefault("notes", List.of()));
        order.put("created_at", Instant.now().getEpochSecond());
        order.put("_account", account);
        order.put("_payment_capture", Objects.equals(body.get("payment_capture"), 1) || Boolean.TRUE.equals(body.get("payment_capture")));
        if (receipt != null && unique) {
            String raced = receipts.putIfAbsent(account + "|" + receipt, id);
            if (raced != null && orders.get(raced) != null) {
                return Reply.ok(visible(orders.get(raced)));
            }
        }
        orders.put(id, order);
        return Reply.ok(visible(order));
    }

    public Reply ordersByReceipt(String account, String receipt) {
        List<Object> items = new ArrayList<>();
        String id = receipt == null ? null : receipts.get(account + "|" + receipt);
        Map<String, Object> order = id == null ? null : orders.get(id);
        if (order != null) {
            items.add(visible(order));
        } else if (receipt != null) {
            orders.forEachValue(o -> {
                if (account.equals(o.get("_account")) && receipt.equals(o.get("receipt"))) {
                    items.add(visible(o));
                }
            });
        }
        return Reply.ok(collection(items));
    }

    public Reply orderPayments(String account, String orderId) {
        Map<String, Object> order = owned(orders.get(orderId), account);
        if (order == null) {
            return RazorpayErrors.noSuchId();
        }
        List<Object> items = new ArrayList<>();
        payments.forEachValue(p -> {
            if (orderId.equals(p.get("order_id"))) {
                items.add(visible(p));
            }
        });
        return Reply.ok(collection(items));
    }

    // ---- payments -----------------------------------------------------------------------------

    /** {@code POST /v1/payments/create/json} (card) and {@code /create/upi} (UPI collect). */
    public Reply createPayment(String account, String method, Map<String, Object> body, String baseUrl) {
        Map<String, Object> order = owned(orders.get(String.valueOf(body.get("order_id"))), account);
        if (order == null) {
            return RazorpayErrors.badRequest("The id provided does not exist", "order_id");
        }
        for (String field : new String[] { "email", "contact" }) {
            if (!(body.get(field) instanceof String s) || s.isBlank()) {
                return RazorpayErrors.badRequest("The " + field + " field is required.", field);
            }
        }
        if (!method.equals(body.get("method"))) {
            return RazorpayErrors.badRequest("The method field is invalid.", "method");
        }
        Map<String, Object> payment = new LinkedHashMap<>();
        synchronized (order) {
            if (!(body.get("amount") instanceof Number amount) || amount.longValue() != ((Number) order.get("amount")).longValue()) {
                return RazorpayErrors.badRequest("Payment amount should be equal to the order amount.", "amount");
            }
            if (!order.get("currency").equals(body.get("currency"))) {
                return RazorpayErrors.badRequest("Currency should be same as order currency.", "currency");
            }
            if ("paid".equals(order.get("status"))) {
                return RazorpayErrors.badRequest("Order has already been paid.", "order_id");
            }
            String vpa = null;
            if ("upi".equals(method)) {
                Object upi = body.get("upi");
                vpa = upi instanceof Map<?, ?> m && m.get("vpa") instanceof String v ? v : null;
                if (!(upi instanceof Map<?, ?> m2) || !"collect".equals(m2.get("flow")) || vpa == null || !VPA.matcher(vpa).matches()) {
                    return RazorpayErrors.badRequest("Invalid VPA. Please enter a valid Virtual Payment Address", "vpa");
                }
            } else if (!(body.get("card") instanceof Map<?, ?> card) || !(card.get("number") instanceof String number)
                    || !dev.payrail.card.Cards.luhnValid(number)) {
                return RazorpayErrors.badRequest("Your payment didn't go through as it was declined by the bank. Try another payment method or contact your bank.", "card");
            }
            order.put("attempts", ((Integer) order.get("attempts")) + 1);
            order.put("status", "attempted");
            String id = "pay_" + Ids.random(14);
            payment.put("id", id);
            payment.put("entity", "payment");
            payment.put("amount", order.get("amount"));
            payment.put("currency", order.get("currency"));
            payment.put("status", "created");
            payment.put("order_id", order.get("id"));
            payment.put("invoice_id", null);
            payment.put("international", false);
            payment.put("method", method);
            payment.put("amount_refunded", 0L);
            payment.put("refund_status", null);
            payment.put("captured", false);
            payment.put("description", null);
            payment.put("card_id", "card".equals(method) ? "card_" + Ids.random(14) : null);
            payment.put("bank", null);
            payment.put("wallet", null);
            payment.put("vpa", vpa);
            payment.put("email", body.get("email"));
            payment.put("contact", body.get("contact"));
            payment.put("notes", body.getOrDefault("notes", List.of()));
            payment.put("fee", null);
            payment.put("tax", null);
            payment.put("error_code", null);
            payment.put("error_description", null);
            payment.put("error_source", null);
            payment.put("error_step", null);
            payment.put("error_reason", null);
            payment.put("created_at", Instant.now().getEpochSecond());
            payment.put("_account", account);
            payment.put("_auto_capture", order.get("_payment_capture"));
            payments.put(id, payment);
        }
        String id = (String) payment.get("id");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("razorpay_payment_id", id);
        if ("card".equals(method)) {
            answer.put("next", List.of(Map.of("action", "redirect", "url", baseUrl + "/sandbox/razorpay/bank/" + id)));
        }
        return Reply.ok(answer);
    }

    /**
     * The payer acts: on the bank page a card payment succeeds with an OTP of 4 to 10 digits and
     * fails with a shorter one; a UPI collect to {@code success@razorpay} is approved, to
     * {@code failure@razorpay} (or when {@code approve} is false) declined.
     */
    /** The amount and currency a card payment waiting for its OTP shows on the bank page, or null. */
    public Map<String, Object> awaitingOtp(String paymentId) {
        Map<String, Object> payment = paymentId == null ? null : payments.get(paymentId);
        if (payment == null) {
            return null;
        }
        synchronized (payment) {
            return "created".equals(payment.get("status")) && "card".equals(payment.get("method"))
                    ? Map.of("amount", payment.get("amount"), "currency", payment.get("currency"))
                    : null;
        }
    }

    public Reply payerActs(String paymentId, String otp, boolean approve) {
        Map<String, Object> payment = payments.get(paymentId);
        if (payment == null) {
            return RazorpayErrors.noSuchId();
        }
        List<RazorpaySandboxWebhooks.Signed> events = new ArrayList<>();
        synchronized (payment) {
            if (!"created".equals(payment.get("status"))) {
                return RazorpayErrors.badRequest("Payment has already been processed.", null);
            }
            boolean success = "upi".equals(payment.get("method"))
                    ? approve && !"failure@razorpay".equals(payment.get("vpa"))
                    : approve && otp != null && otp.matches("[0-9]{4,10}");
            Map<String, Object> order = orders.get((String) payment.get("order_id"));
            if (!success) {
                payment.put("status", "failed");
                payment.put("error_code", "BAD_REQUEST_ERROR");
                payment.put("error_description", "upi".equals(payment.get("method"))
                        ? "Payment was unsuccessful as the payer declined the collect request."
                        : "Payment processing failed because of incorrect OTP");
                payment.put("error_source", "customer");
                payment.put("error_step", "payment_authentication");
                payment.put("error_reason", "upi".equals(payment.get("method")) ? "payment_declined" : "incorrect_otp");
                events.add(webhooks.signed("payment.failed", Map.of("payment", visible(payment))));
            } else {
                payment.put("status", "authorized");
                count(payment);
                events.add(webhooks.signed("payment.authorized", Map.of("payment", visible(payment))));
                if (order != null) {
                    synchronized (order) {
                        order.put("status", "paid");
                        order.put("amount_paid", order.get("amount"));
                        order.put("amount_due", 0L);
                    }
                }
                if (Boolean.TRUE.equals(payment.get("_auto_capture"))) {
                    payment.put("status", "captured");
                    payment.put("captured", true);
                    events.add(webhooks.signed("payment.captured", Map.of("payment", visible(payment))));
                    if (order != null) {
                        events.add(webhooks.signed("order.paid", Map.of("payment", visible(payment), "order", visible(order))));
                    }
                }
            }
        }
        events.forEach(webhooks::send);
        return new Reply(200, visible(payment), List.copyOf(events));
    }

    public Reply payment(String account, String paymentId) {
        Map<String, Object> payment = owned(payments.get(paymentId), account);
        if (payment == null) {
            return RazorpayErrors.noSuchId();
        }
        synchronized (payment) {
            return Reply.ok(visible(payment));
        }
    }

    /** A full capture of an authorized payment: the amount must equal the authorized amount. */
    public Reply capture(String account, String paymentId, Map<String, Object> body) {
        Map<String, Object> payment = owned(payments.get(paymentId), account);
        if (payment == null) {
            return RazorpayErrors.noSuchId();
        }
        RazorpaySandboxWebhooks.Signed event;
        synchronized (payment) {
            if (Boolean.TRUE.equals(payment.get("captured"))) {
                return RazorpayErrors.badRequest("This payment has already been captured", null);
            }
            if (!"authorized".equals(payment.get("status"))) {
                return RazorpayErrors.badRequest("Only payments which have been authorized and not yet captured can be captured", null);
            }
            if (!(body.get("amount") instanceof Number amount) || amount.longValue() != ((Number) payment.get("amount")).longValue()) {
                return RazorpayErrors.badRequest("Capture amount must be equal to the amount authorized", "amount");
            }
            if (!payment.get("currency").equals(body.get("currency"))) {
                return RazorpayErrors.badRequest("The currency should be same as the payment currency", "currency");
            }
            payment.put("status", "captured");
            payment.put("captured", true);
            event = webhooks.signed("payment.captured", Map.of("payment", visible(payment)));
        }
        webhooks.send(event);
        return new Reply(200, visible(payment), List.of(event));
    }

    // ---- refunds ------------------------------------------------------------------------------

    /**
     * A refund of a captured payment (default: what is left). With {@code X-Refund-Idempotency} a
     * repeat with the same body answers the same refund, with another body {@code 400}.
     */
    public Reply refund(String account, String paymentId, String key, Map<String, Object> body) {
        if (key != null && !REFUND_KEY.matcher(key).matches()) {
            return RazorpayErrors.badRequest("The X-Refund-Idempotency header is invalid.", null);
        }
        Map<String, Object> payment = owned(payments.get(paymentId), account);
        if (payment == null) {
            return RazorpayErrors.noSuchId();
        }
        String fingerprint = paymentId + " " + new java.util.TreeMap<>(body);
        List<RazorpaySandboxWebhooks.Signed> events = new ArrayList<>();
        Map<String, Object> refund;
        synchronized (payment) {
            if (key != null) {
                String[] saved = refundKeys.get(account + "|" + key);
                if (saved != null) {
                    if (!saved[0].equals(fingerprint)) {
                        return RazorpayErrors.badRequest("The request body is different from the previous request with the same idempotency key.", null);
                    }
                    Map<String, Object> known = refunds.get(saved[1]);
                    return known == null ? RazorpayErrors.noSuchId() : Reply.ok(visible(known));
                }
            }
            if (!Boolean.TRUE.equals(payment.get("captured"))) {
                return RazorpayErrors.badRequest("The payment has not been captured yet and cannot be refunded", null);
            }
            long left = ((Number) payment.get("amount")).longValue() - ((Number) payment.get("amount_refunded")).longValue();
            long amount = body.get("amount") instanceof Number n ? n.longValue() : left;
            if (amount < 100 && amount != left || amount <= 0) {
                return RazorpayErrors.badRequest("The amount must be atleast INR 1.00.", "amount");
            }
            if (amount > left) {
                return RazorpayErrors.badRequest("The refund amount provided is greater than amount captured", "amount");
            }
            refund = new LinkedHashMap<>();
            refund.put("id", "rfnd_" + Ids.random(14));
            refund.put("entity", "refund");
            refund.put("amount", amount);
            refund.put("currency", payment.get("currency"));
            refund.put("payment_id", paymentId);
            refund.put("notes", body.getOrDefault("notes", List.of()));
            refund.put("receipt", body.get("receipt"));
            refund.put("created_at", Instant.now().getEpochSecond());
            refund.put("batch_id", null);
            refund.put("status", "processed");
            refund.put("speed_processed", "normal");
            refund.put("speed_requested", String.valueOf(body.getOrDefault("speed", "normal")));
            refund.put("_account", account);
            long refunded = ((Number) payment.get("amount_refunded")).longValue() + amount;
            payment.put("amount_refunded", refunded);
            boolean full = refunded == ((Number) payment.get("amount")).longValue();
            payment.put("refund_status", full ? "full" : "partial");
            if (full) {
                payment.put("status", "refunded");
            }
            refunds.put((String) refund.get("id"), refund);
            if (key != null) {
                refundKeys.put(account + "|" + key, new String[] { fingerprint, (String) refund.get("id") });
            }
            events.add(webhooks.signed("refund.created", Map.of("refund", visible(refund), "payment", visible(payment))));
            events.add(webhooks.signed("refund.processed", Map.of("refund", visible(refund), "payment", visible(payment))));
        }
        events.forEach(webhooks::send);
        return new Reply(200, visible(refund), List.copyOf(events));
    }

    public Reply fetchRefund(String account, String refundId) {
        Map<String, Object> refund = owned(refunds.get(refundId), account);
        return refund == null ? RazorpayErrors.noSuchId() : Reply.ok(visible(refund));
    }

    public Reply paymentRefunds(String account, String paymentId) {
        if (owned(payments.get(paymentId), account) == null) {
            return RazorpayErrors.noSuchId();
        }
        List<Object> items = new ArrayList<>();
        refunds.forEachValue(r -> {
            if (paymentId.equals(r.get("payment_id"))) {
                items.add(visible(r));
            }
        });
        return Reply.ok(collection(items));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void count(Map<String, Object> payment) {
        if (payment.get("notes") instanceof Map<?, ?> notes && notes.get("payrail_payment_id") instanceof String id) {
            authorizations.increment(id);
        }
    }

    private static Map<String, Object> owned(Map<String, Object> object, String account) {
        return object != null && account.equals(object.get("_account")) ? object : null;
    }

    /** The object as Razorpay shows it: without the emulator's own fields. */
    private static Map<String, Object> visible(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        synchronized (object) {
            object.forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    copy.put(k, v);
                }
            });
        }
        return copy;
    }

    private static Map<String, Object> collection(List<Object> items) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("entity", "collection");
        c.put("count", items.size());
        c.put("items", items);
        return c;
    }
}
