package dev.payrail.sandbox.airwallex;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.money.Currencies;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.RecentCounts;
import dev.payrail.sandbox.SandboxConfig;

/**
 * An in-process Airwallex Payments Acceptance API: token login, PaymentIntents (create, confirm
 * with a card, capture, cancel, retrieve, list by {@code merchant_order_id}) and refunds, with
 * Airwallex's JSON shapes, statuses, error bodies ({@code code}, {@code message}, {@code source},
 * {@code details}, {@code trace_id}), decimal major-unit amounts, {@code request_id} replay and
 * the documented test cards. State is kept per client id in bounded stores ({@link Recent}).
 */
@Singleton
public class AirwallexSandbox implements dev.payrail.sandbox.TunableEmulator<AirwallexSandboxSettings> {

    /** An answer: HTTP status and JSON body. */
    public record Reply(int status, Map<String, Object> body) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
            .withZone(ZoneOffset.UTC);

    private final AirwallexSandboxConfig config;
    private final AirwallexSandboxWebhooks events;
    private final Recent<String, Token> tokens;
    private final Recent<String, Intent> intents;
    private final Recent<String, List<String>> intentsByOrder;
    private final Recent<String, Refund> refunds;
    private final Recent<String, Replay> requests;
    private final RecentCounts chargesByOrder;
    private final AtomicLong requestCount = new AtomicLong();
    private final RecentCounts requestsByOrder;
    private final AtomicLong loginCount = new AtomicLong();
    private final AtomicInteger loseNext = new AtomicInteger();
    private volatile String loseOperation;
    private volatile AirwallexSandboxSettings settings;
    private volatile SplittableRandom random;

    record Token(String clientId, Instant expiresAt) {
    }

    record Replay(String fingerprint, Reply reply) {
    }

    /** Each store keeps {@code payrail.sandbox.remembered-payments} entries and forgets the oldest beyond. */
    AirwallexSandbox(AirwallexSandboxConfig config, AirwallexSandboxWebhooks events, SandboxConfig sandbox) {
        this.config = config;
        this.events = events;
        int n = sandbox.rememberedPayments();
        this.tokens = new Recent<>(n);
        this.intents = new Recent<>(n);
        this.intentsByOrder = new Recent<>(n);
        this.refunds = new Recent<>(n);
        this.requests = new Recent<>(n);
        this.chargesByOrder = new RecentCounts(n);
        this.requestsByOrder = new RecentCounts(n);
        this.settings = AirwallexSandboxSettings.of(config);
        this.random = config.seed().isPresent() ? new SplittableRandom(config.seed().getAsLong()) : new SplittableRandom();
    }

    // ---- settings and counters (tests, admin) ------------------------------------------------

    public AirwallexSandboxSettings settings() {
        return settings;
    }

    /** Replaces the failure behaviour; returns why it is invalid, or {@code null} when applied. */
    public String update(AirwallexSandboxSettings s) {
        String why = s.invalid();
        if (why == null) {
            settings = s;
        }
        return why;
    }

    public void resetSettings() {
        settings = AirwallexSandboxSettings.of(config);
        loseNext.set(0);
    }

    /**
     * The next {@code n} processed mutating requests of this operation ({@code create},
     * {@code confirm}, {@code capture}, {@code cancel}, {@code refund}; null: any) lose their
     * answer: processed and remembered for replay, then the connection is closed after hang-ms.
     */
    public void loseNextResponses(String operation, int n) {
        loseOperation = operation;
        loseNext.set(n);
    }

    boolean takeLoss(String operation) {
        String only = loseOperation;
        if (only != null && !only.equals(operation)) {
            return false;
        }
        return loseNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    synchronized SplittableRandom random() {
        return random.split();
    }

    void countRequest() {
        requestCount.incrementAndGet();
    }

    public long requests() {
        return requestCount.get();
    }

    /** Counts a mutating call for the merchant order (a Payrail payment id) it concerns. */
    void countRequestFor(String merchantOrderId) {
        requestsByOrder.increment(merchantOrderId);
    }

    /**
     * Mutating calls (create, confirm, capture, cancel, refund) for one merchant order, our payment id, whatever
     * their answer, replays and injected failures included: untouched by other payments' traffic.
     */
    public int requestsForOrder(String merchantOrderId) {
        return requestsByOrder.get(merchantOrderId);
    }

    /** The merchant order of an intent, or null when there is no such intent. */
    String orderOfIntent(String intentId) {
        Intent i = intentId == null ? null : intents.get(intentId);
        return i == null ? null : i.merchantOrderId;
    }

    /** Successful card confirmations (money authorized or taken) for this merchant order (our payment id). */
    public int chargesForOrder(String merchantOrderId) {
        return chargesByOrder.get(merchantOrderId);
    }

    /** The intent as {@code GET /pa/payment_intents/{id}} answers it, or null. */
    public Map<String, Object> intent(String id) {
        Intent i = intents.get(id);
        return i == null ? null : i.json();
    }

    // ---- authentication ----------------------------------------------------------------------

    /** Successful logins (tokens issued). */
    public long logins() {
        return loginCount.get();
    }

    Reply login(String clientId, String apiKey) {
        if (clientId == null || apiKey == null || !config.clientId().equals(clientId) || !config.apiKey().equals(apiKey)) {
            return error(401, "credentials_invalid", null, "Invalid client id or api key.");
        }
        loginCount.incrementAndGet();
        String token = "eyJ" + Ids.random(40);
        Instant expires = Instant.now().plusSeconds(config.tokenSeconds());
        tokens.put(token, new Token(clientId, expires));
        return new Reply(201, Map.of("token", token, "expires_at", timestamp(expires)));
    }

    /** The client id of a valid bearer token, or null. */
    String account(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Token t = tokens.get(authorization.substring(7).trim());
        return t == null || Instant.now().isAfter(t.expiresAt()) ? null : t.clientId();
    }

    // ---- request_id replay --------------------------------------------------------------------

    /** A repeated {@code request_id}: the first answer, or an error when the request differs; null when new. */
    Reply replayed(String account, String operation, String requestId, String fingerprint) {
        Replay r = requests.get(account + " " + operation + " " + requestId);
        if (r == null) {
            return null;
        }
        return r.fingerprint().equals(fingerprint) ? r.reply()
                : error(400, "duplicate_request", "request_id", "The request_id " + requestId + " was used for another request.");
    }

    void remember(String account, String operation, String requestId, String fingerprint, Reply reply) {
        requests.put(account + " " + operation + " " + requestId, new Replay(fingerprint, reply));
    }

    // ---- payment intents ---------------------------------------------------------------------

    Reply create(String account, Map<String, Object> body) {
        String currency = string(body, "currency");
        if (currency == null || !currency.matches("[A-Z]{3}") || !Currencies.isSupported(currency)) {
            return error(400, "validation_error", "currency", "currency must be a supported ISO 4217 code in upper case");
        }
        BigDecimal amount = amount(body.get("amount"), currency);
        if (amount == null || amount.signum() <= 0) {
            return error(400, "validation_error", "amount", "amount must be a positive number with at most "
                    + Currencies.exponent(currency) + " decimals");
        }
        String order = string(body, "merchant_order_id");
        if (order == null || order.isBlank()) {
            return error(400, "validation_error", "merchant_order_id", "merchant_order_id must be provided");
        }
        Intent intent = new Intent("int_" + Ids.random(30), account, string(body, "request_id"), amount, currency, order,
                body.get("metadata") instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : Map.of());
        intents.put(intent.id, intent);
        intentsByOrder.computeIfAbsent(order, k -> new CopyOnWriteArrayList<>()).add(intent.id);
        events.send("payment_intent.created", intent.json());
        return new Reply(201, intent.json());
    }

    Reply confirm(String account, String id, Map<String, Object> body) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return notFound(id);
        }
        Map<?, ?> method = body.get("payment_method") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> card = method.get("card") instanceof Map<?, ?> c ? c : null;
        if (!"card".equals(method.get("type")) || card == null) {
            return error(400, "validation_error", "payment_method", "payment_method of type card must be provided");
        }
        String number = card.get("number") == null ? "" : card.get("number").toString().replace(" ", "");
        if (!luhn(number)) {
            return error(400, "validation_error", "payment_method.card.number", "card number is invalid");
        }
        boolean autoCapture = !(body.get("payment_method_options") instanceof Map<?, ?> o
                && o.get("card") instanceof Map<?, ?> oc && Boolean.FALSE.equals(oc.get("auto_capture")));
        synchronized (intent) {
            if (!"REQUIRES_PAYMENT_METHOD".equals(intent.status)) {
                return error(400, "invalid_status_for_operation", null,
                        "The PaymentIntent with status " + intent.status + " cannot be confirmed.");
            }
            TestCard.Result result = TestCard.charge(number, intent.amount);
            Map<String, Object> attempt = new LinkedHashMap<>();
            attempt.put("id", "att_" + Ids.random(30));
            attempt.put("amount", intent.amount);
            attempt.put("currency", intent.currency);
            attempt.put("payment_intent_id", intent.id);
            attempt.put("payment_method", Map.of("type", "card", "card", Map.of("last4", number.substring(number.length() - 4))));
            attempt.put("created_at", timestamp(Instant.now()));
            intent.attempt = attempt;
            if (result != null) {
                attempt.put("status", "FAILED");
                attempt.put("failure_code", result.code());
                attempt.put("provider_original_response_code", result.originalCode());
                intent.touch();
                events.send(result.code().equals("risk_declined") ? "payment_attempt.risk_declined"
                        : "payment_attempt.authorization_failed", attempt);
                Map<String, Object> details = new LinkedHashMap<>();
                if (result.originalCode() != null) {
                    details.put("original_response_code", result.originalCode());
                }
                return error(400, result.code(), null, result.message(), details);
            }
            chargesByOrder.increment(intent.merchantOrderId);
            if (autoCapture) {
                attempt.put("status", "CAPTURE_REQUESTED");
                intent.status = "SUCCEEDED";
                intent.captured = intent.amount;
            } else {
                attempt.put("status", "AUTHORIZED");
                intent.status = "REQUIRES_CAPTURE";
            }
            intent.touch();
        }
        events.send(autoCapture ? "payment_intent.succeeded" : "payment_intent.requires_capture", intent.json());
        return new Reply(200, intent.json());
    }

    Reply capture(String account, String id, Map<String, Object> body) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return notFound(id);
        }
        synchronized (intent) {
            if (!"REQUIRES_CAPTURE".equals(intent.status)) {
                return error(400, "invalid_status_for_operation", null,
                        "The PaymentIntent with status " + intent.status + " cannot be captured.");
            }
            BigDecimal amount = body.get("amount") == null ? intent.amount : amount(body.get("amount"), intent.currency);
            if (amount == null || amount.signum() <= 0 || amount.compareTo(intent.amount) > 0) {
                return error(400, "validation_error", "amount",
                        "amount must be positive and at most the authorized " + intent.amount.toPlainString());
            }
            intent.captured = amount;
            intent.status = "SUCCEEDED";
            intent.attempt.put("status", "CAPTURE_REQUESTED");
            intent.attempt.put("captured_amount", amount);
            intent.touch();
        }
        events.send("payment_intent.succeeded", intent.json());
        return new Reply(200, intent.json());
    }

    Reply cancel(String account, String id, Map<String, Object> body) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return notFound(id);
        }
        synchronized (intent) {
            if (!List.of("REQUIRES_PAYMENT_METHOD", "REQUIRES_CUSTOMER_ACTION", "REQUIRES_CAPTURE").contains(intent.status)) {
                return error(400, "invalid_status_for_operation", null,
                        "The PaymentIntent with status " + intent.status + " cannot be cancelled.");
            }
            intent.status = "CANCELLED";
            intent.cancellationReason = string(body, "cancellation_reason");
            if (intent.attempt != null) {
                intent.attempt.put("status", "CANCELLED");
            }
            intent.touch();
        }
        events.send("payment_intent.cancelled", intent.json());
        return new Reply(200, intent.json());
    }

    Reply retrieve(String account, String id) {
        Intent intent = owned(account, id);
        return intent == null ? notFound(id) : new Reply(200, intent.json());
    }

    Reply list(String account, String merchantOrderId, Integer pageSize) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> ids = merchantOrderId == null ? List.of() : intentsByOrder.get(merchantOrderId);
        for (String id : ids == null ? List.<String>of() : ids) {
            Intent i = owned(account, id);
            if (i != null) {
                items.add(i.json());
            }
        }
        int size = pageSize == null || pageSize < 1 ? 20 : Math.min(pageSize, 1000);
        return new Reply(200, Map.of("has_more", items.size() > size, "items", items.subList(0, Math.min(size, items.size()))));
    }

    // ---- refunds -----------------------------------------------------------------------------

    Reply refund(String account, Map<String, Object> body) {
        String intentId = string(body, "payment_intent_id");
        if (intentId == null) {
            return error(400, "validation_error", "payment_intent_id", "payment_intent_id must be provided");
        }
        Intent intent = owned(account, intentId);
        if (intent == null) {
            return notFound(intentId);
        }
        Refund refund;
        synchronized (intent) {
            if (!"SUCCEEDED".equals(intent.status)) {
                return error(400, "invalid_status_for_operation", null,
                        "The PaymentIntent with status " + intent.status + " cannot be refunded.");
            }
            BigDecimal remaining = intent.captured.subtract(intent.refunded);
            BigDecimal amount = body.get("amount") == null ? remaining : amount(body.get("amount"), intent.currency);
            if (amount == null || amount.signum() <= 0 || amount.compareTo(remaining) > 0) {
                return error(400, "validation_error", "amount",
                        "amount must be positive and at most the refundable " + remaining.toPlainString());
            }
            intent.refunded = intent.refunded.add(amount);
            refund = new Refund("rfd_" + Ids.random(30), account, string(body, "request_id"), intent.id,
                    intent.attempt == null ? null : (String) intent.attempt.get("id"), amount, intent.currency,
                    string(body, "reason"), body.get("metadata") instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : Map.of(),
                    Instant.now());
            intent.refundIds.add(refund.id);
        }
        refunds.put(refund.id, refund);
        events.send("refund.received", refund.json());
        return new Reply(201, refund.json());
    }

    Reply retrieveRefund(String account, String id) {
        Refund r = refunds.get(id);
        if (r == null || !r.account.equals(account)) {
            return notFound(id);
        }
        settle(r);
        return new Reply(200, r.json());
    }

    Reply listRefunds(String account, String paymentIntentId, Integer pageSize) {
        Intent intent = paymentIntentId == null ? null : owned(account, paymentIntentId);
        List<Map<String, Object>> items = new ArrayList<>();
        if (intent != null) {
            for (String id : intent.refundIds) {
                Refund r = refunds.get(id);
                if (r != null) {
                    settle(r);
                    items.add(r.json());
                }
            }
        }
        int size = pageSize == null || pageSize < 1 ? 20 : Math.min(pageSize, 1000);
        return new Reply(200, Map.of("has_more", items.size() > size, "items", items.subList(0, Math.min(size, items.size()))));
    }

    /** A refund older than refund-settle-ms is {@code SETTLED} when read. */
    private void settle(Refund r) {
        boolean now;
        synchronized (r) {
            now = "RECEIVED".equals(r.status) && !Instant.now().isBefore(r.created.plusMillis(config.refundSettleMs()));
            if (now) {
                r.status = "SETTLED";
                r.updated = Instant.now();
            }
        }
        if (now) {
            events.send("refund.settled", r.json());
        }
    }

    /** How many refunds Airwallex holds for this intent (tests). */
    public int refundsOf(String intentId) {
        Intent i = intents.get(intentId);
        return i == null ? 0 : i.refundIds.size();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Intent owned(String account, String id) {
        Intent i = id == null ? null : intents.get(id);
        return i == null || !i.account.equals(account) ? null : i;
    }

    static Reply notFound(String id) {
        return error(404, "resource_not_found", null, "The requested resource " + id + " was not found.");
    }

    static Reply error(int status, String code, String source, String message) {
        return error(status, code, source, message, null);
    }

    static Reply error(int status, String code, String source, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (source != null) {
            body.put("source", source);
        }
        if (details != null && !details.isEmpty()) {
            body.put("details", details);
        }
        body.put("trace_id", Ids.random(32).toLowerCase(java.util.Locale.ROOT));
        return new Reply(status, body);
    }

    /** A JSON number with at most the currency's ISO decimals, exactly; null otherwise (strings are not numbers). */
    static BigDecimal amount(Object value, String currency) {
        if (!(value instanceof Number n)) {
            return null;
        }
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return d.stripTrailingZeros().scale() > Currencies.exponent(currency) ? null
                : d.setScale(Math.max(0, Currencies.exponent(currency)), java.math.RoundingMode.UNNECESSARY);
    }

    private static String string(Map<String, Object> body, String field) {
        Object v = body.get(field);
        return v == null ? null : v.toString();
    }

    static String timestamp(Instant t) {
        return TIME.format(t);
    }

    private static boolean luhn(String number) {
        if (!number.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static final class Intent {
        final String id;
        final String account;
        final String requestId;
        final BigDecimal amount;
        final String currency;
        final String merchantOrderId;
        final Map<?, ?> metadata;
        final Instant created = Instant.now();
        final List<String> refundIds = new CopyOnWriteArrayList<>();
        volatile String status = "REQUIRES_PAYMENT_METHOD";
        volatile BigDecimal captured;
        volatile BigDecimal refunded;
        volatile Map<String, Object> attempt;
        volatile String cancellationReason;
        volatile Instant updated = created;

        Intent(String id, String account, String requestId, BigDecimal amount, String currency, String merchantOrderId,
                Map<?, ?> metadata) {
            this.id = id;
            this.account = account;
            this.requestId = requestId;
            this.amount = amount;
            this.currency = currency;
            this.merchantOrderId = merchantOrderId;
            this.metadata = metadata;
            this.captured = BigDecimal.ZERO.setScale(amount.scale());
            this.refunded = BigDecimal.ZERO.setScale(amount.scale());
        }

        void touch() {
            updated = Instant.now();
        }

        synchronized Map<String, Object> json() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", id);
            j.put("request_id", requestId);
            j.put("amount", amount);
            j.put("currency", currency);
            j.put("merchant_order_id", merchantOrderId);
            j.put("metadata", metadata);
            j.put("status", status);
            j.put("captured_amount", captured);
            j.put("client_secret", "sec_" + id.substring(4));
            j.put("available_payment_method_types", List.of("card"));
            if (attempt != null) {
                j.put("latest_payment_attempt", new LinkedHashMap<>(attempt));
            }
            if (cancellationReason != null) {
                j.put("cancellation_reason", cancellationReason);
            }
            j.put("created_at", timestamp(created));
            j.put("updated_at", timestamp(updated));
            return j;
        }
    }

    private static final class Refund {
        final String id;
        final String account;
        final String requestId;
        final String paymentIntentId;
        final String paymentAttemptId;
        final BigDecimal amount;
        final String currency;
        final String reason;
        final Map<?, ?> metadata;
        final Instant created;
        volatile String status = "RECEIVED";
        volatile Instant updated;

        Refund(String id, String account, String requestId, String paymentIntentId, String paymentAttemptId,
                BigDecimal amount, String currency, String reason, Map<?, ?> metadata, Instant created) {
            this.id = id;
            this.account = account;
            this.requestId = requestId;
            this.paymentIntentId = paymentIntentId;
            this.paymentAttemptId = paymentAttemptId;
            this.amount = amount;
            this.currency = currency;
            this.reason = reason;
            this.metadata = metadata;
            this.created = created;
            this.updated = created;
        }

        Map<String, Object> json() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", id);
            j.put("request_id", requestId);
            j.put("payment_intent_id", paymentIntentId);
            j.put("payment_attempt_id", paymentAttemptId);
            j.put("amount", amount);
            j.put("currency", currency);
            j.put("reason", reason);
            j.put("metadata", metadata);
            j.put("status", status);
            j.put("created_at", timestamp(created));
            j.put("updated_at", timestamp(updated));
            return j;
        }
    }

    /** Airwallex's documented test cards (docs/connectors/airwallex.md); any other valid number succeeds. */
    static final class TestCard {

        record Result(String code, String originalCode, String message) {
        }

        private TestCard() {
        }

        /** The decline this card and amount trigger, or null when the charge succeeds. */
        static Result charge(String number, BigDecimal amount) {
            String a = amount.stripTrailingZeros().scale() > 2 ? "" : amount.setScale(2).toPlainString();
            if (number.equals("4646464646464644")) {
                return new Result("risk_declined", null, "The transaction was declined by the risk engine.");
            }
            if (number.equals("4012000300001003")) {
                if (a.equals("80.59")) {
                    return new Result("issuer_declined", "59", "Suspected fraud.");
                }
                if (a.equals("80.07")) {
                    return new Result("issuer_declined", "07", "Pick up card, special condition.");
                }
            }
            if (number.equals("2223000010181375") || number.equals("5307837360544518")) {
                if (a.equals("80.05")) {
                    return new Result("issuer_declined", "05", "Do not honor.");
                }
                if (a.equals("80.14")) {
                    return new Result("issuer_declined", "14", "Invalid card number.");
                }
            }
            return null; // 4035 5010 0000 0008 and every other valid number succeed
        }
    }
}
