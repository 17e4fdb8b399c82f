package dev.payrail.sandbox.paypal;

import dev.payrail.sandbox.MagicCards;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.RecentCounts;
import dev.payrail.sandbox.SandboxConfig;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Startup;

/**
 * The state and rules of the PayPal emulator: tokens, orders, authorizations, captures, refunds,
 * {@code PayPal-Request-Id} replay, magic cards, failure injection and webhook signing. All state
 * is in concurrent maps; an order's own monitor guards its transitions (no global lock).
 *
 * <p>Unlike PayPal, the emulator forgets, so load tests run forever in a small heap: orders,
 * request ids and the capture counts per order and per {@code reference_id} each keep the last
 * {@code payrail.sandbox.remembered-payments} entries ({@link Recent}, oldest inserted forgotten
 * first); an order's authorizations and captures are kept exactly as long as the order. A
 * forgotten order, authorization or capture is {@code 404 RESOURCE_NOT_FOUND} to every call (which
 * the PayPal connector reports as a rejection, {@code invalid_resource_id}); a call retried with a
 * forgotten {@code PayPal-Request-Id} runs again as a new call (an id still remembered is replayed,
 * never charged twice) — for the connector's status replay of a lost create, a new order without
 * payment source, i.e. "never received". Tokens: the last {@value #MAX_TOKENS} issued are valid.
 */
@Singleton
@Startup // generates its RSA signing key at start, not on an event-loop thread
public class PayPalSandbox {

    /** An HTTP answer of the emulator. {@code hang} answers are delayed past any client timeout. */
    public record Answer(int status, String body, Map<String, String> headers) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, body == null ? null : body.toString(), Map.of());
        }
    }

    /** A request as the emulator received it (for tests and debugging; card numbers are masked). */
    public record Received(String method, String path, String requestId, String body) {
    }

    /** A signed webhook delivery: headers (lower-case names) and the exact body bytes. */
    public record SignedWebhook(Map<String, String> headers, byte[] body) {
    }

    /** What failure injection decided for one call. */
    enum Fault { NONE, ERROR_500, UNAVAILABLE_503, TIMEOUT, LOST_RESPONSE }

    /** {@code money.value} in PayPal's specs. */
    static final String MONEY_VALUE = "^((-?[0-9]+)|(-?([0-9]+)?[.][0-9]+))$";
    static final String SUCCESS_CARD = MagicCards.SUCCESS;
    static final String DECLINE_CARD = MagicCards.GENERIC_DECLINE;
    static final String INSUFFICIENT_FUNDS_CARD = MagicCards.INSUFFICIENT_FUNDS;
    static final String ACTION_CARD = MagicCards.REQUIRES_ACTION;
    private static final int MAX_JOURNAL = 2_000;
    /** Access tokens kept (per client, not per payment: Payrail reuses one until it expires). */
    static final int MAX_TOKENS = 10_000;

    private final PayPalSandboxConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random;
    private final KeyPair signingKeys;
    private final String certId = "CERT-" + UUID.randomUUID();

    private final Recent<String, Instant> tokens = new Recent<>(MAX_TOKENS);
    private final Recent<String, Answer> byRequestId;
    private final Recent<String, Order> orders;
    /** The authorizations and captures of the remembered orders: they go with their order. */
    private final ConcurrentHashMap<String, Authorization> authorizations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Capture> captures = new ConcurrentHashMap<>();
    /** The capture of each refund of the remembered orders, by refund id. */
    private final ConcurrentHashMap<String, Capture> refundedCaptures = new ConcurrentHashMap<>();
    private final RecentCounts chargesByOrder;
    private final RecentCounts chargesByReference;
    private final ConcurrentLinkedDeque<Received> journal = new ConcurrentLinkedDeque<>();
    private final LongAdder tokenRequests = new LongAdder();
    private final AtomicInteger forcedStatusCount = new AtomicInteger();
    private volatile int forcedStatus = 503;
    private final AtomicInteger forcedLost = new AtomicInteger();
    private volatile Duration tokenTtlOverride;

    PayPalSandbox(PayPalSandboxConfig config, SandboxConfig sandbox) {
        this.config = config;
        int remembered = sandbox.rememberedPayments();
        this.byRequestId = new Recent<>(remembered);
        this.orders = new Recent<>(remembered, (id, order) -> forgetPayments(order));
        this.chargesByOrder = new RecentCounts(remembered);
        this.chargesByReference = new RecentCounts(remembered);
        this.random = config.seed().isPresent() ? new Random(config.seed().getAsLong()) : new Random();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.signingKeys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ model

    static final class Order {
        final String id;
        final String intent;
        final long amount;
        final String currency;
        final String referenceId;
        final String customId;
        final String source; // card, paypal, or null
        final String cardLast4;
        final String cardBrand;
        final String returnUrl;
        final String cancelUrl;
        final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        volatile Instant updated = created;
        volatile String status;
        // guarded by the order's monitor
        final List<Authorization> authorizationList = new ArrayList<>();
        final List<Capture> captureList = new ArrayList<>();
        /** Pushed out of the emulator's memory: every call answers 404 from now on. */
        boolean forgotten;

        Order(String id, String intent, long amount, String currency, String referenceId, String customId, String source,
                String cardLast4, String cardBrand, String returnUrl, String cancelUrl) {
            this.id = id;
            this.intent = intent;
            this.amount = amount;
            this.currency = currency;
            this.referenceId = referenceId;
            this.customId = customId;
            this.source = source;
            this.cardLast4 = cardLast4;
            this.cardBrand = cardBrand;
            this.returnUrl = returnUrl;
            this.cancelUrl = cancelUrl;
        }
    }

    static final class Authorization {
        final String id;
        final Order order;
        final long amount;
        volatile String status;
        volatile long captured;
        final String processorCode;
        final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Authorization(String id, Order order, long amount, String status, String processorCode) {
            this.id = id;
            this.order = order;
            this.amount = amount;
            this.status = status;
            this.processorCode = processorCode;
        }
    }

    static final class Capture {
        final String id;
        final Order order;
        final String authorizationId;
        final long amount;
        final boolean finalCapture;
        final String processorCode;
        volatile String status;
        volatile long refunded;
        final List<ObjectNode> refunds = new ArrayList<>();
        final Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Capture(String id, Order order, String authorizationId, long amount, boolean finalCapture, String status,
                String processorCode) {
            this.id = id;
            this.order = order;
            this.authorizationId = authorizationId;
            this.amount = amount;
            this.finalCapture = finalCapture;
            this.status = status;
            this.processorCode = processorCode;
        }
    }

    // ------------------------------------------------------------------ auth

    /** {@code POST /v1/oauth2/token}. */
    Answer token(String authorization, String grantType) {
        tokenRequests.increment();
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
        if (authorization == null || !java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.trim().getBytes(StandardCharsets.UTF_8))) {
            return Answer.json(401, mapper.createObjectNode().put("error", "invalid_client")
                    .put("error_description", "Client Authentication failed"));
        }
        if (!"client_credentials".equals(grantType)) {
            return Answer.json(400, mapper.createObjectNode().put("error", "unsupported_grant_type")
                    .put("error_description", "Grant Type is NULL or not supported"));
        }
        Duration ttl = tokenTtlOverride != null ? tokenTtlOverride : config.tokenTtl();
        String token = "A21AA" + randomId(60);
        tokens.put(token, Instant.now().plus(ttl));
        ObjectNode body = mapper.createObjectNode();
        body.put("scope", "https://uri.paypal.com/services/payments/payment/authcapture openid");
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("app_id", "APP-80W284485P519543T");
        body.put("expires_in", Math.max(1, ttl.toSeconds()));
        body.put("nonce", Instant.now() + randomId(20));
        return Answer.json(200, body);
    }

    /** The 401 answer when the bearer token is missing, unknown or expired; null when it is valid. */
    Answer checkBearer(String authorization) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            Instant expiry = tokens.get(authorization.substring(7).trim());
            if (expiry != null && Instant.now().isBefore(expiry)) {
                return null;
            }
        }
        return Answer.json(401, mapper.createObjectNode().put("name", "AUTHENTICATION_FAILURE")
                .put("message", "Authentication failed due to invalid authentication credentials or a missing Authorization header.")
                .put("debug_id", randomId(13).toLowerCase()));
    }

    // ------------------------------------------------------------------ failure injection

    Fault fault() {
        if (forcedStatusCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return forcedStatus == 500 ? Fault.ERROR_500 : Fault.UNAVAILABLE_503;
        }
        if (forcedLost.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return Fault.LOST_RESPONSE;
        }
        double r = random.nextDouble();
        if ((r -= config.errorRate()) < 0) {
            return Fault.ERROR_500;
        }
        if ((r -= config.unavailableRate()) < 0) {
            return Fault.UNAVAILABLE_503;
        }
        if ((r -= config.timeoutRate()) < 0) {
            return Fault.TIMEOUT;
        }
        if ((r -= config.lostResponseRate()) < 0) {
            return Fault.LOST_RESPONSE;
        }
        return Fault.NONE;
    }

    Duration latency() {
        long min = config.latencyMin().toMillis();
        long max = Math.max(min, config.latencyMax().toMillis());
        return Duration.ofMillis(max == min ? min : min + (long) (random.nextDouble() * (max - min)));
    }

    Duration hangFor() {
        return config.hangFor();
    }

    Answer faultAnswer(Fault fault) {
        return switch (fault) {
            case ERROR_500 -> error(500, "INTERNAL_SERVER_ERROR", "An internal server error occurred.", null, null);
            case UNAVAILABLE_503 -> error(503, "SERVICE_UNAVAILABLE", "Service Unavailable.", null, null);
            default -> error(504, "GATEWAY_TIMEOUT", "The request timed out.", null, null);
        };
    }

    /**
     * Runs a state-changing call once per {@code PayPal-Request-Id} (per path): a repeated id
     * gets the first answer back without acting again.
     */
    Answer once(String path, String requestId, java.util.function.Supplier<Answer> action) {
        if (requestId == null || requestId.isBlank()) {
            return action.get();
        }
        if (requestId.length() > 108) {
            return error(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.",
                    "INVALID_PARAMETER_VALUE", "PayPal-Request-Id must be 1 to 108 characters.");
        }
        return byRequestId.computeIfAbsent(path + "|" + requestId, k -> action.get());
    }

    void record(String method, String path, String requestId, String body) {
        journal.addLast(new Received(method, path, requestId, mask(body)));
        while (journal.size() > MAX_JOURNAL) {
            journal.pollFirst();
        }
    }

    private static String mask(String body) {
        return body == null ? null : body.replaceAll("\"number\"\\s*:\\s*\"[0-9]{9,15}([0-9]{4})\"", "\"number\":\"************$1\"")
                .replaceAll("\"security_code\"\\s*:\\s*\"[0-9]+\"", "\"security_code\":\"***\"");
    }

    // ------------------------------------------------------------------ orders

    /** {@code POST /v2/checkout/orders}. */
    Answer createOrder(String body, String requestId, String base) {
        JsonNode req;
        try {
            req = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        String intent = req.path("intent").asText(null);
        if (!"CAPTURE".equals(intent) && !"AUTHORIZE".equals(intent)) {
            return malformed(intent == null ? "MISSING_REQUIRED_PARAMETER" : "INVALID_PARAMETER_VALUE",
                    "intent must be CAPTURE or AUTHORIZE.");
        }
        JsonNode units = req.path("purchase_units");
        if (!units.isArray() || units.isEmpty() || units.size() > 10) {
            return malformed("MISSING_REQUIRED_PARAMETER", "purchase_units must have 1 to 10 items.");
        }
        JsonNode unit = units.get(0);
        String currency = unit.path("amount").path("currency_code").asText(null);
        String value = unit.path("amount").path("value").asText(null);
        if (currency == null || value == null || !value.matches(MONEY_VALUE)) {
            return malformed("INVALID_PARAMETER_VALUE", "purchase_units[0].amount needs currency_code and value.");
        }
        long amount;
        try {
            amount = PayPalCurrencyCodes.parse(currency, value, PayPalCurrencyCodes.DECIMAL_PRECISION);
        } catch (PayPalCurrencyCodes.Refused e) {
            return unprocessable(e.refusal.issue(), e.refusal.description());
        }
        if (amount <= 0) {
            return error(422, "UNPROCESSABLE_ENTITY", "The requested action could not be performed.",
                    "CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
        }
        JsonNode source = req.path("payment_source");
        if (!source.isMissingNode() && (requestId == null || requestId.isBlank())) {
            return malformed("PAYPAL_REQUEST_ID_REQUIRED", "A PayPal-Request-Id header is required if payment_source is present.");
        }
        String id = randomId(17);
        String referenceId = unit.path("reference_id").asText("default");
        String customId = unit.path("custom_id").asText(null);
        JsonNode card = source.path("card");
        JsonNode paypal = source.path("paypal");
        if (!card.isMissingNode()) {
            String number = card.path("number").asText("");
            String expiry = card.path("expiry").asText("");
            if (!number.matches("[0-9]{13,19}") || !expiry.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
                return malformed("INVALID_PARAMETER_VALUE", "payment_source.card needs number and expiry (YYYY-MM).");
            }
            if (DECLINE_CARD.equals(number)) {
                return error(422, "UNPROCESSABLE_ENTITY", "The requested action could not be performed, semantically incorrect, or failed business validation.",
                        "INSTRUMENT_DECLINED", "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.");
            }
            JsonNode ctx = card.path("experience_context");
            Order order = new Order(id, intent, amount, currency, referenceId, customId, "card",
                    number.substring(number.length() - 4), number.startsWith("4") ? "VISA" : number.startsWith("5") ? "MASTERCARD" : "UNKNOWN",
                    ctx.path("return_url").asText(null), ctx.path("cancel_url").asText(null));
            store(order);
            synchronized (order) {
                if (ACTION_CARD.equals(number)) {
                    order.status = "PAYER_ACTION_REQUIRED";
                } else {
                    order.status = "COMPLETED";
                    String processorCode = INSUFFICIENT_FUNDS_CARD.equals(number) ? "5120" : "0000";
                    boolean approved = "0000".equals(processorCode);
                    if ("CAPTURE".equals(intent)) {
                        newCapture(order, null, amount, true, approved ? "COMPLETED" : "DECLINED", processorCode);
                    } else {
                        newAuthorization(order, approved ? "CREATED" : "DENIED", processorCode);
                    }
                }
                return Answer.json(201, orderJson(order, base));
            }
        }
        if (!paypal.isMissingNode()) {
            JsonNode ctx = paypal.path("experience_context");
            Order order = new Order(id, intent, amount, currency, referenceId, customId, "paypal", null, null,
                    ctx.path("return_url").asText(null), ctx.path("cancel_url").asText(null));
            order.status = "PAYER_ACTION_REQUIRED";
            store(order);
            return Answer.json(200, orderJson(order, base));
        }
        Order order = new Order(id, intent, amount, currency, referenceId, customId, null, null, null, null, null);
        order.status = "CREATED";
        store(order);
        return Answer.json(201, orderJson(order, base));
    }

    /** {@code GET /v2/checkout/orders/{id}}. */
    Answer getOrder(String id, String base) {
        Order order = orders.get(id);
        if (order == null) {
            return notFound(id);
        }
        synchronized (order) {
            return order.forgotten ? notFound(id) : Answer.json(200, orderJson(order, base));
        }
    }

    /** {@code POST /v2/checkout/orders/{id}/authorize|capture}. */
    Answer completeOrder(String id, String action, String base) {
        Order order = orders.get(id);
        if (order == null) {
            return notFound(id);
        }
        synchronized (order) {
            if (order.forgotten) {
                return notFound(id);
            }
            if (!action.equals(order.intent)) {
                return unprocessable("ACTION_DOES_NOT_MATCH_INTENT",
                        "Order was created with an intent to " + order.intent + ". Please use the matching endpoint.");
            }
            if ("COMPLETED".equals(order.status)) {
                return unprocessable("CAPTURE".equals(action) ? "ORDER_ALREADY_CAPTURED" : "ORDER_ALREADY_AUTHORIZED",
                        "Order already " + ("CAPTURE".equals(action) ? "captured" : "authorized") + ".");
            }
            if (!"APPROVED".equals(order.status)) {
                return unprocessable("ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment.");
            }
            order.status = "COMPLETED";
            if ("CAPTURE".equals(action)) {
                newCapture(order, null, order.amount, true, "COMPLETED", order.source == null || "card".equals(order.source) ? "0000" : null);
            } else {
                newAuthorization(order, "CREATED", "card".equals(order.source) ? "0000" : null);
            }
            return Answer.json(201, orderJson(order, base));
        }
    }

    /** The payer approved (or cancelled) on the payer-action page; answers where to send the browser. */
    String payerDecision(String id, boolean approve) {
        Order order = orders.get(id);
        if (order == null) {
            return null;
        }
        synchronized (order) {
            if (order.forgotten) {
                return null;
            }
            if (approve && ("PAYER_ACTION_REQUIRED".equals(order.status) || "CREATED".equals(order.status))) {
                order.status = "APPROVED";
                order.updated = Instant.now();
            }
            String target = approve ? order.returnUrl : order.cancelUrl;
            if (target == null) {
                return "";
            }
            return target + (target.contains("?") ? "&" : "?") + "token=" + id
                    + (approve ? "&PayerID=" + randomId(13) : "");
        }
    }

    Order order(String id) {
        return orders.get(id);
    }

    /** A capture of a remembered order, or null. */
    Capture capture(String id) {
        return captures.get(id);
    }

    // ------------------------------------------------------------------ payments

    /** {@code POST /v2/payments/authorizations/{id}/capture}. */
    Answer captureAuthorization(String authorizationId, String body, String base) {
        Authorization a = authorizations.get(authorizationId);
        if (a == null) {
            return notFound(authorizationId);
        }
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        synchronized (a.order) {
            if (a.order.forgotten) {
                return notFound(authorizationId);
            }
            switch (a.status) {
                case "VOIDED" -> {
                    return unprocessable("AUTHORIZATION_VOIDED", "A voided authorization cannot be captured.");
                }
                case "CAPTURED" -> {
                    return unprocessable("AUTHORIZATION_ALREADY_CAPTURED", "Authorization has been previously captured and hence cannot be captured again.");
                }
                case "DENIED", "EXPIRED" -> {
                    return unprocessable("AUTHORIZATION_" + a.status, "The authorization is " + a.status.toLowerCase() + ".");
                }
                default -> {
                }
            }
            long remaining = a.amount - a.captured;
            long amount = remaining;
            JsonNode money = req.path("amount");
            if (!money.isMissingNode()) {
                if (!a.order.currency.equals(money.path("currency_code").asText())) {
                    return unprocessable("CURRENCY_MISMATCH", "Currency of capture must be the same as currency of authorization.");
                }
                String value = money.path("value").asText("");
                if (!value.matches(MONEY_VALUE)) {
                    return malformed("INVALID_PARAMETER_VALUE", "amount.value is not a valid amount.");
                }
                try {
                    amount = PayPalCurrencyCodes.parse(a.order.currency, value, PayPalCurrencyCodes.DECIMALS_NOT_SUPPORTED);
                } catch (PayPalCurrencyCodes.Refused e) {
                    return unprocessable(e.refusal.issue(), e.refusal.description());
                }
            }
            if (amount <= 0) {
                return unprocessable("CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
            }
            if (amount > remaining) {
                return unprocessable("MAX_CAPTURE_AMOUNT_EXCEEDED", "Capture amount exceeds allowable limit.");
            }
            boolean finalCapture = req.path("final_capture").asBoolean(false);
            a.captured += amount;
            a.status = finalCapture || a.captured == a.amount ? "CAPTURED" : "PARTIALLY_CAPTURED";
            Capture c = newCapture(a.order, a.id, amount, finalCapture, "COMPLETED", a.processorCode);
            return Answer.json(201, captureJson(c, base));
        }
    }

    /** {@code POST /v2/payments/authorizations/{id}/void}. */
    Answer voidAuthorization(String authorizationId, String prefer, String base) {
        Authorization a = authorizations.get(authorizationId);
        if (a == null) {
            return notFound(authorizationId);
        }
        synchronized (a.order) {
            if (a.order.forgotten) {
                return notFound(authorizationId);
            }
            switch (a.status) {
                case "CREATED", "PARTIALLY_CAPTURED", "PENDING" -> a.status = "VOIDED";
                case "VOIDED" -> {
                    return unprocessable("PREVIOUSLY_VOIDED", "Authorization has been previously voided and hence cannot be voided again.");
                }
                case "CAPTURED" -> {
                    return unprocessable("PREVIOUSLY_CAPTURED", "Authorization has been previously captured and hence cannot be voided.");
                }
                default -> {
                    return unprocessable("CANNOT_BE_VOIDED", "A " + a.status + " authorization cannot be voided.");
                }
            }
            return prefer != null && prefer.contains("return=representation") ? Answer.json(200, authorizationJson(a, base))
                    : new Answer(204, null, Map.of());
        }
    }

    /** {@code POST /v2/payments/captures/{id}/refund}. */
    Answer refundCapture(String captureId, String body, String base) {
        Capture c = captures.get(captureId);
        if (c == null) {
            return notFound(captureId);
        }
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        synchronized (c.order) {
            if (c.order.forgotten) {
                return notFound(captureId);
            }
            if ("REFUNDED".equals(c.status)) {
                return unprocessable("CAPTURE_FULLY_REFUNDED", "The capture has already been fully refunded.");
            }
            if (!"COMPLETED".equals(c.status) && !"PARTIALLY_REFUNDED".equals(c.status)) {
                return unprocessable("INVALID_RESOURCE_ID", "A " + c.status + " capture cannot be refunded.");
            }
            long remaining = c.amount - c.refunded;
            long amount = remaining;
            JsonNode money = req.path("amount");
            if (!money.isMissingNode()) {
                if (!c.order.currency.equals(money.path("currency_code").asText())) {
                    return unprocessable("REFUND_CURRENCY_MISMATCH", "Refund must be in the same currency as the capture.");
                }
                String value = money.path("value").asText("");
                if (!value.matches(MONEY_VALUE)) {
                    return malformed("INVALID_PARAMETER_VALUE", "amount.value is not a valid amount.");
                }
                try {
                    amount = PayPalCurrencyCodes.parse(c.order.currency, value, PayPalCurrencyCodes.DECIMALS_NOT_SUPPORTED);
                } catch (PayPalCurrencyCodes.Refused e) {
                    return unprocessable(e.refusal.issue(), e.refusal.description());
                }
            }
            if (amount <= 0 || amount > remaining) {
                return unprocessable("REFUND_AMOUNT_EXCEEDED", "The refund amount must be less than or equal to the capture amount that has not yet been refunded.");
            }
            c.refunded += amount;
            c.status = c.refunded == c.amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
            ObjectNode refund = mapper.createObjectNode();
            String refundId = randomId(17);
            refund.put("id", refundId);
            boolean slow = amount == REFUND_SETTLES_LATER || amount == REFUND_FAILS_LATER;
            refund.put("status", slow ? "PENDING" : "COMPLETED");
            if (slow) {
                refund.putObject("status_details").put("reason", "ECHECK");
                slowRefunds.put(refundId, new SlowRefund(System.nanoTime() + SLOW_REFUND.toNanos(),
                        amount == REFUND_FAILS_LATER ? "FAILED" : "COMPLETED"));
            }
            refund.set("amount", money(amount, c.order.currency));
            for (String field : List.of("invoice_id", "custom_id", "note_to_payer")) {
                if (req.hasNonNull(field)) {
                    refund.put(field, req.path(field).asText());
                }
            }
            refund.put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ArrayNode links = refund.putArray("links");
            link(links, base + "/v2/payments/refunds/" + refundId, "self", "GET");
            link(links, base + "/v2/payments/captures/" + c.id, "up", "GET");
            c.refunds.add(refund);
            refundedCaptures.put(refundId, c);
            return Answer.json(201, refund.deepCopy());
        }
    }

    /** {@code GET /v2/payments/refunds/{id}}: the refund as it is now. */
    Answer getRefund(String id) {
        Capture c = refundedCaptures.get(id);
        if (c == null) {
            return notFound(id);
        }
        synchronized (c.order) {
            if (c.order.forgotten) {
                return notFound(id);
            }
            settleSlowRefunds(c);
            for (ObjectNode refund : c.refunds) {
                if (id.equals(refund.path("id").asText())) {
                    return Answer.json(200, refund.deepCopy());
                }
            }
            return notFound(id);
        }
    }

    /**
     * Refund amounts the emulator settles later, like the simulator and the Stripe emulator:
     * {@code PENDING} (reason {@code ECHECK}) at first, then {@code COMPLETED} (77.77) or
     * {@code FAILED} (77.78, the amount goes back to the capture) once {@link #SLOW_REFUND} has
     * passed; reads show the current status, a replayed POST the first answer.
     */
    public static final long REFUND_SETTLES_LATER = 7777;
    public static final long REFUND_FAILS_LATER = 7778;
    static final Duration SLOW_REFUND = Duration.ofSeconds(1);

    private record SlowRefund(long settleAt, String settlesTo) {
    }

    private final ConcurrentHashMap<String, SlowRefund> slowRefunds = new ConcurrentHashMap<>();

    /** Under the order's monitor: the capture's pending refunds whose time has come are settled. */
    private void settleSlowRefunds(Capture c) {
        for (ObjectNode refund : c.refunds) {
            String refundId = refund.path("id").asText();
            SlowRefund slow = slowRefunds.get(refundId);
            if (slow == null || System.nanoTime() - slow.settleAt() < 0) {
                continue;
            }
            slowRefunds.remove(refundId);
            refund.put("status", slow.settlesTo());
            if ("COMPLETED".equals(slow.settlesTo())) {
                refund.remove("status_details");
            } else {
                c.refunded -= PayPalCurrencyCodes.accepted(c.order.currency, refund.path("amount").path("value").asText());
                c.status = c.refunded == 0 ? "COMPLETED" : "PARTIALLY_REFUNDED";
            }
        }
    }

    /** Stores a new order; the oldest beyond {@code remembered-payments} is forgotten ({@link #forgetPayments}). */
    private void store(Order order) {
        orders.put(order.id, order);
    }

    /** An order left the memory: so do its authorizations and captures, and it answers 404 from now on. */
    private void forgetPayments(Order gone) {
        synchronized (gone) {
            gone.forgotten = true;
            gone.authorizationList.forEach(a -> authorizations.remove(a.id, a));
            gone.captureList.forEach(c -> {
                captures.remove(c.id, c);
                c.refunds.forEach(r -> {
                    refundedCaptures.remove(r.path("id").asText(), c);
                    slowRefunds.remove(r.path("id").asText());
                });
            });
        }
    }

    /** Under the order's monitor. */
    private Authorization newAuthorization(Order order, String status, String processorCode) {
        Authorization a = new Authorization(randomId(17), order, order.amount, status, processorCode);
        if (!order.forgotten) {
            authorizations.put(a.id, a);
        }
        order.authorizationList.add(a);
        order.updated = Instant.now();
        return a;
    }

    /** Under the order's monitor. */
    private Capture newCapture(Order order, String authorizationId, long amount, boolean finalCapture, String status,
            String processorCode) {
        Capture c = new Capture(randomId(17), order, authorizationId, amount, finalCapture, status, processorCode);
        if (!order.forgotten) {
            captures.put(c.id, c);
        }
        order.captureList.add(c);
        order.updated = Instant.now();
        if ("COMPLETED".equals(status)) {
            chargesByOrder.increment(order.id);
            chargesByReference.increment(order.referenceId);
        }
        return c;
    }

    // ------------------------------------------------------------------ JSON

    private ObjectNode orderJson(Order o, String base) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", o.id);
        n.put("intent", o.intent);
        n.put("status", o.status);
        if ("card".equals(o.source)) {
            ObjectNode card = n.putObject("payment_source").putObject("card");
            card.put("last_digits", o.cardLast4);
            card.put("brand", o.cardBrand);
            card.put("type", "CREDIT");
        } else if ("paypal".equals(o.source)) {
            ObjectNode paypal = n.putObject("payment_source").putObject("paypal");
            if ("APPROVED".equals(o.status) || "COMPLETED".equals(o.status)) {
                paypal.put("email_address", "buyer@example.com");
                paypal.put("account_id", "QYR5Z8XDVJNXQ");
            }
        }
        ObjectNode unit = n.putArray("purchase_units").addObject();
        unit.put("reference_id", o.referenceId);
        if (o.customId != null) {
            unit.put("custom_id", o.customId);
        }
        unit.set("amount", money(o.amount, o.currency));
        if (!o.authorizationList.isEmpty() || !o.captureList.isEmpty()) {
            ObjectNode payments = unit.putObject("payments");
            if (!o.authorizationList.isEmpty()) {
                ArrayNode list = payments.putArray("authorizations");
                o.authorizationList.forEach(a -> list.add(authorizationJson(a, base)));
            }
            if (!o.captureList.isEmpty()) {
                o.captureList.forEach(this::settleSlowRefunds);
                ArrayNode list = payments.putArray("captures");
                o.captureList.forEach(c -> list.add(captureJson(c, base)));
                ArrayNode refunds = mapper.createArrayNode();
                o.captureList.forEach(c -> c.refunds.forEach(r -> refunds.add(r.deepCopy())));
                if (!refunds.isEmpty()) {
                    payments.set("refunds", refunds);
                }
            }
        }
        n.put("create_time", o.created.toString());
        n.put("update_time", o.updated.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode links = n.putArray("links");
        link(links, base + "/v2/checkout/orders/" + o.id, "self", "GET");
        if ("PAYER_ACTION_REQUIRED".equals(o.status)) {
            link(links, base + "/checkoutnow?token=" + o.id, "payer-action", "GET");
        } else if ("CREATED".equals(o.status)) {
            link(links, base + "/checkoutnow?token=" + o.id, "approve", "GET");
        }
        if ("APPROVED".equals(o.status)) {
            link(links, base + "/v2/checkout/orders/" + o.id + ("CAPTURE".equals(o.intent) ? "/capture" : "/authorize"),
                    "CAPTURE".equals(o.intent) ? "capture" : "authorize", "POST");
        }
        return n;
    }

    private ObjectNode authorizationJson(Authorization a, String base) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", a.id);
        n.put("status", a.status);
        n.set("amount", money(a.amount, a.order.currency));
        if (a.processorCode != null) {
            n.putObject("processor_response").put("response_code", a.processorCode);
        }
        n.putObject("supplementary_data").putObject("related_ids").put("order_id", a.order.id);
        n.put("expiration_time", a.created.plus(Duration.ofDays(29)).toString());
        n.put("create_time", a.created.toString());
        ArrayNode links = n.putArray("links");
        link(links, base + "/v2/payments/authorizations/" + a.id, "self", "GET");
        link(links, base + "/v2/payments/authorizations/" + a.id + "/capture", "capture", "POST");
        link(links, base + "/v2/payments/authorizations/" + a.id + "/void", "void", "POST");
        link(links, base + "/v2/checkout/orders/" + a.order.id, "up", "GET");
        return n;
    }

    private ObjectNode captureJson(Capture c, String base) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", c.id);
        n.put("status", c.status);
        n.set("amount", money(c.amount, c.order.currency));
        n.put("final_capture", c.finalCapture);
        if (c.processorCode != null) {
            n.putObject("processor_response").put("response_code", c.processorCode);
        }
        ObjectNode related = n.putObject("supplementary_data").putObject("related_ids");
        related.put("order_id", c.order.id);
        if (c.authorizationId != null) {
            related.put("authorization_id", c.authorizationId);
        }
        n.put("create_time", c.created.toString());
        ArrayNode links = n.putArray("links");
        link(links, base + "/v2/payments/captures/" + c.id, "self", "GET");
        link(links, base + "/v2/payments/captures/" + c.id + "/refund", "refund", "POST");
        link(links, base + "/v2/checkout/orders/" + c.order.id, "up", "GET");
        return n;
    }

    ObjectNode money(long amount, String currency) {
        ObjectNode m = mapper.createObjectNode();
        m.put("currency_code", currency);
        m.put("value", PayPalCurrencyCodes.format(amount, currency));
        return m;
    }

    static void link(ArrayNode links, String href, String rel, String method) {
        links.addObject().put("href", href).put("rel", rel).put("method", method);
    }

    // ------------------------------------------------------------------ errors

    Answer error(int status, String name, String message, String issue, String description) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", name);
        n.put("message", message);
        n.put("debug_id", randomId(13).toLowerCase());
        if (issue != null) {
            ObjectNode d = n.putArray("details").addObject();
            d.put("issue", issue);
            d.put("description", description);
            link(n.putArray("links"), "https://developer.paypal.com/docs/api/orders/v2/#error-" + issue,
                    "information_link", "GET");
        }
        return Answer.json(status, n);
    }

    Answer malformed(String issue, String description) {
        return error(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.",
                issue, description);
    }

    Answer unprocessable(String issue, String description) {
        return error(422, "UNPROCESSABLE_ENTITY",
                "The requested action could not be performed, semantically incorrect, or failed business validation.",
                issue, description);
    }

    Answer notFound(String id) {
        return error(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.", "INVALID_RESOURCE_ID",
                "Specified resource ID does not exist. Please check the resource ID and try again.");
    }

    static String randomId(int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ webhooks

    /**
     * Signs a webhook event as PayPal does: SHA256withRSA over
     * {@code transmission_id|transmission_time|webhook_id|crc32(body)}.
     */
    public SignedWebhook sign(ObjectNode event, Instant transmissionTime, String base) {
        return sign(event, transmissionTime, base, config.webhookId());
    }

    /** Signs a webhook event for the PayPal app whose registered webhook has this id (a merchant's own app). */
    public SignedWebhook sign(ObjectNode event, Instant transmissionTime, String base, String webhookId) {
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        String transmissionId = UUID.randomUUID().toString();
        String time = transmissionTime.truncatedTo(ChronoUnit.SECONDS).toString();
        String message = transmissionId + "|" + time + "|" + webhookId + "|" + crc32(body);
        String signature;
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(signingKeys.getPrivate());
            s.update(message.getBytes(StandardCharsets.UTF_8));
            signature = Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new SignedWebhook(Map.of(
                "paypal-transmission-id", transmissionId,
                "paypal-transmission-time", time,
                "paypal-transmission-sig", signature,
                "paypal-cert-url", certUrl(base),
                "paypal-auth-algo", "SHA256withRSA",
                "content-type", "application/json"), body);
    }

    /** A webhook event envelope around a resource, like PayPal's. */
    public ObjectNode event(String eventType, String resourceType, JsonNode resource) {
        ObjectNode e = mapper.createObjectNode();
        e.put("id", "WH-" + randomId(17) + "-" + randomId(17));
        e.put("event_version", "1.0");
        e.put("create_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        e.put("resource_type", resourceType);
        e.put("resource_version", "2.0");
        e.put("event_type", eventType);
        e.put("summary", eventType.toLowerCase().replace('.', ' '));
        e.set("resource", resource);
        return e;
    }

    /** The capture with this id as PayPal shows it (for webhook resources), or null. */
    public ObjectNode captureResource(String captureId, String base) {
        Capture c = captures.get(captureId);
        if (c == null) {
            return null;
        }
        synchronized (c.order) {
            return captureJson(c, base);
        }
    }

    String certUrl(String base) {
        return base + "/v1/notifications/certs/" + certId;
    }

    String certId() {
        return certId;
    }

    PublicKey publicKey() {
        return signingKeys.getPublic();
    }

    /** {@code POST /v1/notifications/verify-webhook-signature}. */
    Answer verifyWebhookSignature(String body) {
        JsonNode req;
        try {
            req = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return malformed("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
        }
        for (String field : List.of("auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time",
                "webhook_id", "webhook_event")) {
            if (!req.hasNonNull(field)) {
                return error(400, "VALIDATION_ERROR", "Invalid request - see details", "MISSING_REQUIRED_PARAMETER",
                        field + " is required.");
            }
        }
        boolean ok = verify(req);
        return Answer.json(200, mapper.createObjectNode().put("verification_status", ok ? "SUCCESS" : "FAILURE"));
    }

    private boolean verify(JsonNode req) {
        if (!"SHA256withRSA".equals(req.get("auth_algo").asText())
                || !req.get("cert_url").asText().endsWith("/v1/notifications/certs/" + certId)) {
            return false;
        }
        try {
            byte[] event = mapper.writeValueAsBytes(req.get("webhook_event"));
            String message = req.get("transmission_id").asText() + "|" + req.get("transmission_time").asText() + "|"
                    + req.get("webhook_id").asText() + "|" + crc32(event);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(signingKeys.getPublic());
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(req.get("transmission_sig").asText()));
        } catch (GeneralSecurityException | IllegalArgumentException | JsonProcessingException e) {
            return false;
        }
    }

    static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    // ------------------------------------------------------------------ test and operator switches

    /** The next {@code count} API calls fail with {@code status} (500 or 503) before being processed. */
    public void failNext(int count, int status) {
        this.forcedStatus = status;
        this.forcedStatusCount.set(count);
    }

    /** The next {@code count} API calls are processed, but their answers are lost. */
    public void loseNextResponses(int count) {
        this.forcedLost.set(count);
    }

    /** Overrides the configured token lifetime (null: back to the configuration). */
    public void tokenTtl(Duration ttl) {
        this.tokenTtlOverride = ttl;
    }

    /** Revokes every issued token: the next API calls get 401 until the client fetches a new one. */
    public void revokeTokens() {
        tokens.clear();
    }

    /** Token requests received since start. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    /**
     * Entries held by each store now: at most {@code payrail.sandbox.remembered-payments} each,
     * authorizations and captures only those of the remembered orders, tokens at most {@value #MAX_TOKENS}.
     */
    public Map<String, Integer> remembered() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("byRequestId", byRequestId.size());
        sizes.put("orders", orders.size());
        sizes.put("authorizations", authorizations.size());
        sizes.put("captures", captures.size());
        sizes.put("chargesByOrder", chargesByOrder.size());
        sizes.put("chargesByReference", chargesByReference.size());
        sizes.put("tokens", tokens.size());
        return sizes;
    }

    /** Successful captures (money taken) of a PayPal order. */
    public int capturesFor(String orderId) {
        return chargesByOrder.get(orderId);
    }

    /** Successful captures of all orders created with this {@code reference_id} (Payrail's payment id). */
    public int capturesForReference(String referenceId) {
        return chargesByReference.get(referenceId);
    }

    /** Requests received, oldest first (bounded; card numbers masked). */
    public List<Received> received() {
        return List.copyOf(journal);
    }

    /** The status of an order, authorization or capture by id, or null. */
    public String statusOf(String id) {
        Order o = orders.get(id);
        if (o != null) {
            return o.status;
        }
        Authorization a = authorizations.get(id);
        if (a != null) {
            return a.status;
        }
        Capture c = captures.get(id);
        return c == null ? null : c.status;
    }

    /** Ids of the authorizations and captures of an order. */
    public List<String> paymentsOf(String orderId) {
        Order o = orders.get(orderId);
        if (o == null) {
            return List.of();
        }
        synchronized (o) {
            List<String> ids = new ArrayList<>();
            o.authorizationList.forEach(a -> ids.add(a.id));
            o.captureList.forEach(c -> ids.add(c.id));
            return ids;
        }
    }
}
