package dev.payrail.sandbox.stripe;

import dev.payrail.sandbox.MagicCards;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.RecentCounts;
import dev.payrail.sandbox.SandboxConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.payrail.card.Cards;
import dev.payrail.common.Ids;

/**
 * The state of the Stripe emulator: PaymentIntents, Refunds and saved idempotent responses in
 * concurrent maps (each intent guards itself; there is no global lock), with the magic test cards
 * of Stripe and of Payrail's simulator. Counts the successful charges per intent and per Payrail
 * payment, so tests can prove that nothing was charged twice.
 *
 * <p>Each of these stores keeps the last {@code payrail.sandbox.remembered-payments} entries and
 * forgets the oldest inserted beyond ({@link Recent}), so load tests run forever in a small heap.
 * Unlike Stripe, the emulator thus forgets. A forgotten PaymentIntent or Refund is
 * {@code 404 resource_missing} to retrieve, capture, cancel, refund, and absent from search — which
 * the Stripe connector reports as "no record", and which the reconciler takes as proof that nothing
 * was charged once the payment is older than {@code payrail.reconciler.absent-after}. A request
 * retried with a forgotten {@code Idempotency-Key} runs again as a new request (a key still
 * remembered is replayed, never charged twice). {@link #chargesForPayment} of a forgotten payment is 0.
 */
@Singleton
public class StripeSandbox implements dev.payrail.sandbox.TunableEmulator<StripeSandboxSettings> {

    /** An answer: HTTP status and JSON body; {@code event} is sent as a webhook once the answer is final. */
    public record Reply(int status, Map<String, Object> body, boolean replayed) {
        static Reply ok(Map<String, Object> body) {
            return new Reply(200, body, false);
        }
    }

    private static final Map<String, String> PAYMENT_METHODS = Map.of(
            "pm_card_visa", "4242424242424242",
            "pm_card_mastercard", "5555555555554444",
            "pm_card_visa_chargeDeclined", "4000000000000002",
            "pm_card_visa_chargeDeclinedInsufficientFunds", "4000000000009995",
            "pm_card_chargeDeclinedExpiredCard", "4000000000000069",
            "pm_card_chargeDeclinedIncorrectCvc", "4000000000000127",
            "pm_card_authenticationRequired", "4000002500003155");
    private static final Pattern SEARCH = Pattern.compile("metadata\\['([^']+)'\\]:'([^']*)'");

    private final StripeSandboxConfig config;
    private final StripeSandboxWebhooks webhooks;
    private volatile StripeSandboxSettings settings;
    private final AtomicLong draws = new AtomicLong();
    private final Recent<String, Intent> intents;
    private final Recent<String, StoredRefund> refunds;
    private final Recent<String, Object> idempotency;
    private final RecentCounts chargesByPayment;
    private final RecentCounts requestsByPayment;
    private final RecentCounts requestsByPaymentMethod;
    private final StripeSandboxVault vault;
    /** Refund POSTs per Payrail refund id, and the key of the last read of a refund or refund list (for tests). */
    private final RecentCounts refundPosts;
    private final Recent<String, String> refundReaders;
    private final AtomicLong requests = new AtomicLong();
    private volatile Duration processing = Duration.ZERO;

    StripeSandbox(StripeSandboxConfig config, StripeSandboxWebhooks webhooks, SandboxConfig sandbox) {
        this.config = config;
        this.webhooks = webhooks;
        this.settings = StripeSandboxSettings.of(config);
        int remembered = sandbox.rememberedPayments();
        this.intents = new Recent<>(remembered);
        this.refunds = new Recent<>(remembered);
        this.idempotency = new Recent<>(remembered);
        this.chargesByPayment = new RecentCounts(remembered);
        this.requestsByPayment = new RecentCounts(remembered);
        this.requestsByPaymentMethod = new RecentCounts(remembered);
        this.vault = new StripeSandboxVault(remembered);
        this.refundPosts = new RecentCounts(remembered);
        this.refundReaders = new Recent<>(remembered);
    }

    // ---- settings, randomness, counters -------------------------------------------------------

    public StripeSandboxSettings settings() {
        return settings;
    }

    /** Applies a partial update; returns the error message when the result is invalid. */
    public String update(StripeSandboxSettings update) {
        StripeSandboxSettings next = settings.merge(update);
        String invalid = next.invalid();
        if (invalid == null) {
            settings = next;
            if (update.seed() != null) {
                draws.set(0);
            }
        }
        return invalid;
    }

    /** Back to the configured settings. */
    public void resetSettings() {
        settings = StripeSandboxSettings.of(config);
        draws.set(0);
        processing = Duration.ZERO;
    }

    /**
     * From now on, a successful confirmation or capture leaves its PaymentIntent {@code processing}
     * for {@code duration} before it reaches its status ({@code succeeded}, or {@code requires_capture}
     * for a manual-capture confirmation), as Stripe does for payment methods that settle asynchronously.
     * {@link Duration#ZERO} (the default, and after {@link #resetSettings}) settles at once.
     */
    public void processingFor(Duration duration) {
        processing = duration == null ? Duration.ZERO : duration;
    }

    /** A generator for one request: repeatable per request number when a seed is set, lock-free. */
    SplittableRandom random() {
        Long seed = settings.seed();
        long n = draws.getAndIncrement();
        return seed == null ? new SplittableRandom(ThreadLocalRandom.current().nextLong())
                : new SplittableRandom(seed + n * 0x9E3779B97F4A7C15L);
    }

    long latency(SplittableRandom r) {
        StripeSandboxSettings s = settings;
        return switch (s.latencyDistribution()) {
            case "uniform" -> s.latencyMaxMs() <= s.latencyMs() ? s.latencyMs()
                    : s.latencyMs() + (long) (r.nextDouble() * (s.latencyMaxMs() - s.latencyMs()));
            case "exponential" -> {
                long v = (long) (-s.latencyMs() * Math.log(1 - r.nextDouble()));
                yield s.latencyMaxMs() > 0 ? Math.min(v, s.latencyMaxMs()) : v;
            }
            default -> s.latencyMs();
        };
    }

    /** Successful charges made for a Payrail payment (metadata {@code payrail_payment_id}). */
    public int chargesForPayment(String paymentId) {
        return chargesByPayment.get(paymentId);
    }

    /** Captures of one PaymentIntent that were carried out (not refused, not replayed). */
    public int capturesForIntent(String intentId) {
        Intent i = intents.get(intentId);
        if (i == null) {
            return 0;
        }
        synchronized (i) {
            return i.captures;
        }
    }

    /** Cancellations of one PaymentIntent that were carried out (not refused, not replayed). */
    public int cancelsForIntent(String intentId) {
        Intent i = intents.get(intentId);
        if (i == null) {
            return 0;
        }
        synchronized (i) {
            return i.cancels;
        }
    }

    /** Successful charges of one PaymentIntent. */
    public int chargesForIntent(String intentId) {
        Intent i = intents.get(intentId);
        return i == null ? 0 : i.charges();
    }

    public long requests() {
        return requests.get();
    }

    /**
     * Requests that named a Payrail payment ({@code metadata[payrail_payment_id]}), whatever their answer, replays
     * and injected failures included: how often the gateway called for it, untouched by other payments' traffic.
     */
    public int requestsForPayment(String paymentId) {
        return requestsByPayment.get(paymentId);
    }

    /** Entries held by each store now (each at most {@code payrail.sandbox.remembered-payments}). */
    public Map<String, Integer> remembered() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("intents", intents.size());
        sizes.put("refunds", refunds.size());
        sizes.put("idempotency", idempotency.size());
        sizes.put("chargesByPayment", chargesByPayment.size());
        sizes.put("requestsByPayment", requestsByPayment.size());
        sizes.put("requestsByPaymentMethod", requestsByPaymentMethod.size());
        sizes.put("paymentMethods", vault.paymentMethods());
        sizes.put("customers", vault.customers());
        return sizes;
    }

    /**
     * Requests whose form named the PaymentMethod {@code paymentMethod} ({@code payment_method}), whatever their
     * answer: whether anything tried to charge a method, untouched by other payments' traffic.
     */
    public int requestsForPaymentMethod(String paymentMethod) {
        return requestsByPaymentMethod.get(paymentMethod);
    }

    /**
     * Counts a request, for {@code paymentId} and for {@code paymentMethod} when it names them ({@code null}:
     * none).
     */
    void countRequest(String paymentId, String paymentMethod) {
        requests.incrementAndGet();
        requestsByPayment.increment(paymentId);
        requestsByPaymentMethod.increment(paymentMethod);
    }

    // ---- idempotency --------------------------------------------------------------------------

    private record InFlight(String fingerprint) {
    }

    private record Saved(String fingerprint, Reply reply) {
    }

    /** Replay, conflict, or {@code null} when the request may run (it is then marked in flight). */
    Reply beginIdempotent(String account, String key, String fingerprint) {
        Object existing = idempotency.putIfAbsent(account + "|" + key, new InFlight(fingerprint));
        if (existing == null) {
            return null;
        }
        if (existing instanceof Saved s) {
            if (!s.fingerprint().equals(fingerprint)) {
                return StripeErrors.idempotency("Keys for idempotent requests can only be used with the same parameters "
                        + "they were first used with. Try using a key other than '" + key + "' if you meant to execute a "
                        + "different request.");
            }
            return new Reply(s.reply().status(), s.reply().body(), true);
        }
        return new Reply(409, StripeErrors.body("idempotency_error", "idempotency_key_in_use", null,
                "There is currently another in-progress request using this Stripe API key and idempotency key. "
                        + "Please try again later.", null), false);
    }

    /** Saves the result of an endpoint that ran (Stripe's rule), forgets one that failed validation. */
    void endIdempotent(String account, String key, String fingerprint, Reply reply) {
        if (reply.status() == 400 || reply.status() == 404) {
            idempotency.remove(account + "|" + key);
        } else {
            idempotency.put(account + "|" + key, new Saved(fingerprint, reply));
        }
    }

    // ---- PaymentIntents -----------------------------------------------------------------------

    /**
     * Creates (and with {@code confirm=true} confirms) an intent; {@code baseUrl} is where this
     * emulator is reached ({@code http://host:port}), for the absolute 3-D Secure URL of {@code next_action}.
     */
    Reply createIntent(String account, Map<String, String> form, SplittableRandom random, String baseUrl) {
        Long amount = parseAmount(form.get("amount"));
        if (amount == null) {
            return StripeErrors.invalid("amount", "parameter_invalid_integer", "Invalid integer: " + form.get("amount"));
        }
        String currency = form.get("currency");
        if (currency == null || !currency.matches("[a-z]{3}")) {
            return StripeErrors.invalid("currency", "parameter_missing", "Missing required param: currency.");
        }
        String captureMethod = form.getOrDefault("capture_method", "automatic");
        if (!List.of("automatic", "automatic_async", "manual").contains(captureMethod)) {
            return StripeErrors.invalid("capture_method", "parameter_invalid_string", "Invalid capture_method.");
        }
        boolean confirm = "true".equals(form.get("confirm"));
        StripeSandboxVault.Use use = vault.use(account, form, confirm);
        if (use.refusal() != null) {
            return use.refusal();
        }
        String pan = form.get("payment_method_data[card][number]");
        if (use.saved() != null) {
            pan = use.saved().pan;
        } else if (pan == null && form.get("payment_method") != null) {
            pan = PAYMENT_METHODS.get(form.get("payment_method"));
            if (pan == null) {
                return StripeErrors.missing("payment_method", "No such PaymentMethod: '" + form.get("payment_method") + "'");
            }
        }
        String requestThreeDS = form.get("payment_method_options[card][request_three_d_secure]");
        if (requestThreeDS != null && !List.of("any", "automatic", "challenge").contains(requestThreeDS)) {
            return StripeErrors.invalid("payment_method_options[card][request_three_d_secure]", "parameter_invalid_string",
                    "Invalid payment_method_options[card][request_three_d_secure]: must be one of any, automatic, or challenge");
        }
        // off_session is validated with the card on file (StripeSandboxVault.use): only with confirm=true
        boolean offSession = use.offSession();
        if (confirm && pan == null) {
            return StripeErrors.invalid("payment_method", "parameter_missing",
                    "You must provide a payment_method or payment_method_data to confirm a PaymentIntent.");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring(9, k.length() - 1), v);
            }
        });
        String pmId = use.saved() != null ? use.saved().id
                : pan == null ? null : form.get("payment_method_data[card][number]") != null
                        ? vault.create(account, pan, form).id : "pm_" + Ids.random(24);
        Intent intent = new Intent(account, "pi_" + Ids.random(24), amount, currency, captureMethod, metadata,
                pmId, pan == null ? null : pan.substring(pan.length() - 4),
                form.get("return_url"));
        intent.requestThreeDSecure = requestThreeDS == null ? "automatic" : requestThreeDS;
        intent.customer = form.get("customer");
        intent.setupFutureUsage = form.get("setup_future_usage");
        intents.put(intent.id, intent);
        if (!confirm) {
            return Reply.ok(intent.json());
        }
        Reply reply = confirm(intent, pan, random, baseUrl, offSession);
        String status;
        synchronized (intent) {
            status = intent.status;
        }
        if (!"requires_action".equals(status)) { // else decided once the customer authenticated (or not)
            vault.afterConfirm(account, pmId, intent.customer, intent.setupFutureUsage,
                    List.of("succeeded", "requires_capture", "processing").contains(status));
        }
        return reply;
    }

    /** {@code POST /v1/customers}. */
    Reply createCustomer(String account, Map<String, String> form) {
        return vault.createCustomer(account, form);
    }

    /** {@code GET /v1/customers/{id}}. */
    Reply retrieveCustomer(String account, String id) {
        return vault.retrieveCustomer(account, id);
    }

    /** {@code GET /v1/payment_methods/{id}}. */
    Reply retrievePaymentMethod(String account, String id) {
        return vault.retrieve(account, id);
    }

    /** {@code POST /v1/payment_methods/{id}/detach}. */
    Reply detachPaymentMethod(String account, String id) {
        return vault.detach(account, id);
    }

    /** The Customer a PaymentMethod is attached to now ({@code null}: none, or no such method), for tests. */
    public String customerOfPaymentMethod(String id) {
        return vault.customerOf(id);
    }

    /** Customers created with {@code metadata[payrail_customer_id]} = this id (all accounts), for tests. */
    public int customersFor(String payrailCustomerId) {
        return vault.customersFor(payrailCustomerId);
    }

    /** A card without 3-D Secure (Stripe's test card "3D Secure not supported"): never challenged, even on request. */
    static final String THREE_DS_NOT_SUPPORTED = "378282246310005";

    /**
     * Whether this confirmation goes through a 3-D Secure challenge: always for Stripe's "authentication
     * required" test cards; on request ({@code any}, {@code challenge}) for every card that supports 3-D
     * Secure. (Stripe may complete {@code any} frictionlessly for some cards; the emulator always shows its
     * challenge page, so that the payer's answer decides.)
     */
    private static boolean challenged(Intent intent, String pan) {
        return MagicCards.requiresAction(pan) || !THREE_DS_NOT_SUPPORTED.equals(pan)
                && List.of("any", "challenge").contains(intent.requestThreeDSecure);
    }

    private Reply confirm(Intent intent, String pan, SplittableRandom random, String baseUrl, boolean offSession) {
        if (!Cards.luhnValid(pan)) {
            Map<String, Object> error = StripeErrors.card("incorrect_number", null, "Your card number is incorrect.");
            synchronized (intent) {
                intent.fail(error);
            }
            return StripeErrors.declined(error, intent.json());
        }
        MagicCards.Decline d = MagicCards.decline(pan);
        if (d == null && !MagicCards.isMagic(pan) && random.nextDouble() < settings.declineRate()) {
            d = MagicCards.genericDecline();
        }
        if (d != null) {
            Map<String, Object> error = StripeErrors.card(d.errorCode(), d.declineCode(), d.message());
            synchronized (intent) {
                intent.fail(error);
            }
            webhooks.send(intent.account, "payment_intent.payment_failed", intent.json());
            return StripeErrors.declined(error, intent.json());
        }
        if (challenged(intent, pan) && offSession) {
            // Off-session, Stripe never asks the absent customer: the issuer's demand is a decline.
            Map<String, Object> error = StripeErrors.card("authentication_required", "authentication_required",
                    "Your card was declined. This transaction requires authentication.");
            synchronized (intent) {
                intent.fail(error);
            }
            webhooks.send(intent.account, "payment_intent.payment_failed", intent.json());
            return StripeErrors.declined(error, intent.json());
        }
        if (challenged(intent, pan)) {
            synchronized (intent) {
                intent.requireAction(baseUrl);
            }
            webhooks.send(intent.account, "payment_intent.requires_action", intent.json());
            return Reply.ok(intent.json());
        }
        succeed(intent);
        return Reply.ok(intent.json());
    }

    private void succeed(Intent intent) {
        boolean held;
        synchronized (intent) {
            intent.charge();
            held = intent.holdProcessing(processing);
        }
        chargesByPayment.increment(intent.metadata.get("payrail_payment_id"));
        webhooks.send(intent.account, held ? "payment_intent.processing"
                : intent.manual() ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", intent.json());
    }

    /** The customer finished (or failed) the 3-D Secure page of an intent. */
    /** What the 3-D Secure page shows of a {@code requires_action} intent; never its client secret. */
    public record Challenge(String intentId, long amount, String currency, String returnUrl) {
    }

    /** The challenge of the intent whose 3-D Secure URL carries this token, or null. */
    public Challenge challenge(String id, String token) {
        Intent intent = id == null ? null : intents.get(id);
        if (intent == null) {
            return null;
        }
        synchronized (intent) {
            if (!"requires_action".equals(intent.status) || !intent.authTokenMatches(token)) {
                return null;
            }
            return new Challenge(intent.id, intent.amount, intent.currency, intent.returnUrl);
        }
    }

    /**
     * The customer passed ({@code success}) or failed the 3-D Secure challenge on the page whose URL
     * carries {@code token}; 404 for an unknown intent or a wrong token.
     */
    public Reply authenticate(String id, String token, boolean success) {
        Intent intent = id == null ? null : intents.get(id);
        if (intent == null) {
            return StripeErrors.missing("intent", "No such payment_intent: '" + id + "'");
        }
        synchronized (intent) {
            if (!intent.authTokenMatches(token)) {
                return StripeErrors.missing("intent", "No such payment_intent: '" + id + "'");
            }
            if (!"requires_action".equals(intent.status)) {
                return StripeErrors.unexpectedState(intent.json(), "authenticate");
            }
            intent.threeDSecureResult = success ? "authenticated" : "failed";
            if (!success) {
                intent.fail(StripeErrors.card("payment_intent_authentication_failure", null,
                        "The provided PaymentMethod has failed authentication."));
            }
        }
        vault.afterConfirm(intent.account, intent.paymentMethod, intent.customer, intent.setupFutureUsage, success);
        if (success) {
            succeed(intent);
        } else {
            webhooks.send(intent.account, "payment_intent.payment_failed", intent.json());
        }
        return Reply.ok(intent.json());
    }

    /** The caller's intent, for the emulator's other objects (disputes); {@code null} for another account's. */
    Intent ownedIntent(String account, String id) {
        return owned(account, id);
    }

    /** The caller's intent: another account's intent does not exist for it, as at Stripe. */
    private Intent owned(String account, String id) {
        Intent intent = id == null ? null : intents.get(id);
        return intent != null && intent.account.equals(account) ? intent : null;
    }

    Reply capture(String account, String id, Map<String, String> form) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return StripeErrors.missing("intent", "No such payment_intent: '" + id + "'");
        }
        Long amount = form.containsKey("amount_to_capture") ? parseAmount(form.get("amount_to_capture")) : null;
        boolean held;
        synchronized (intent) {
            intent.settle();
            if (!"requires_capture".equals(intent.status)) {
                return StripeErrors.unexpectedState(intent.json(), "capture");
            }
            long capture = amount == null ? intent.amountCapturable : amount;
            if (capture <= 0 || capture > intent.amountCapturable) {
                return StripeErrors.invalid("amount_to_capture", "amount_too_large",
                        "The amount_to_capture must be between 1 and the amount_capturable (" + intent.amountCapturable + ").");
            }
            intent.capture(capture);
            held = intent.holdProcessing(processing);
        }
        webhooks.send(intent.account, held ? "payment_intent.processing" : "payment_intent.succeeded", intent.json());
        return Reply.ok(intent.json());
    }

    Reply cancel(String account, String id, Map<String, String> form) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return StripeErrors.missing("intent", "No such payment_intent: '" + id + "'");
        }
        synchronized (intent) {
            intent.settle();
            if (!List.of("requires_payment_method", "requires_capture", "requires_confirmation", "requires_action")
                    .contains(intent.status)) {
                return StripeErrors.unexpectedState(intent.json(), "cancel");
            }
            intent.cancel(form.get("cancellation_reason"));
        }
        webhooks.send(intent.account, "payment_intent.canceled", intent.json());
        return Reply.ok(intent.json());
    }

    Reply retrieve(String account, String id) {
        return retrieve(account, id, false);
    }

    /** With {@code expandCharge} ({@code expand[]=latest_charge}) the latest Charge is an object, as at Stripe. */
    Reply retrieve(String account, String id, boolean expandCharge) {
        Intent intent = owned(account, id);
        if (intent == null) {
            return StripeErrors.missing("intent", "No such payment_intent: '" + id + "'");
        }
        synchronized (intent) {
            Map<String, Object> json = intent.json();
            if (expandCharge && intent.latestCharge != null) {
                json.put("latest_charge", intent.chargeJson());
            }
            return Reply.ok(json);
        }
    }

    /** The subset of Stripe's search language Payrail uses: {@code metadata['key']:'value'} (AND-ed). */
    Reply search(String account, String query) {
        Matcher m = SEARCH.matcher(query == null ? "" : query);
        Map<String, String> terms = new LinkedHashMap<>();
        while (m.find()) {
            terms.put(m.group(1), m.group(2));
        }
        if (terms.isEmpty()) {
            return StripeErrors.invalid("query", "parameter_invalid_string", "Invalid search query: " + query);
        }
        List<Object> data = new ArrayList<>();
        intents.forEachValue(i -> {
            if (i.account.equals(account)
                    && terms.entrySet().stream().allMatch(t -> t.getValue().equals(i.metadata.get(t.getKey())))) {
                synchronized (i) {
                    data.add(i.json());
                }
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "search_result");
        body.put("url", "/v1/payment_intents/search");
        body.put("has_more", false);
        body.put("data", data);
        body.put("next_page", null);
        return Reply.ok(body);
    }

    // ---- Refunds ------------------------------------------------------------------------------

    /**
     * Refund amounts the emulator settles later, like the simulator: {@code pending} at first, then
     * {@code succeeded} (7777) or {@code failed} (7778) once {@link #SLOW_REFUND} has passed. A
     * later read ({@code GET /v1/refunds/{id}}, the list) shows the current status; a replayed POST
     * still shows the first answer, as Stripe does.
     */
    public static final long REFUND_SETTLES_LATER = 7777;
    public static final long REFUND_FAILS_LATER = 7778;
    static final java.time.Duration SLOW_REFUND = java.time.Duration.ofSeconds(1);

    /** A Refund, owned by the account (secret key) that created it. Mutated only while synchronized on itself. */
    static final class StoredRefund {
        final String account;
        final Intent intent;
        final Map<String, Object> json;
        final long settleAt;
        final String settlesTo;

        StoredRefund(String account, Intent intent, Map<String, Object> json, long settleAt, String settlesTo) {
            this.account = account;
            this.intent = intent;
            this.json = json;
            this.settleAt = settleAt;
            this.settlesTo = settlesTo;
        }

        /** The refund as it is now: a slow one settles on the first read after its time. */
        Map<String, Object> current() {
            boolean failed = false;
            synchronized (this) {
                if ("pending".equals(json.get("status")) && System.nanoTime() - settleAt >= 0) {
                    json.put("status", settlesTo);
                    if ("failed".equals(settlesTo)) {
                        json.put("failure_reason", "declined");
                        failed = true;
                    }
                }
            }
            if (failed) {
                synchronized (intent) {
                    intent.amountRefunded -= ((Number) json.get("amount")).longValue();
                }
            }
            synchronized (this) {
                return new LinkedHashMap<>(json);
            }
        }
    }


    /** Refund POSTs received (replays included) carrying {@code metadata[payrail_refund_id]}. */
    public int refundPostsFor(String payrailRefundId) {
        return refundPosts.get(payrailRefundId);
    }

    /** Refunds Stripe holds for a Payrail refund id (all accounts). */
    public int refundsFor(String payrailRefundId) {
        AtomicInteger n = new AtomicInteger();
        refunds.forEachValue(r -> {
            if (payrailRefundId.equals(metadataValue(r.json, "payrail_refund_id"))) {
                n.incrementAndGet();
            }
        });
        return n.get();
    }


    /** The secret key of the last GET of this refund (by id) or of the refund list of this PaymentIntent. */
    public String lastReaderOf(String refundOrIntentId) {
        return refundReaders.get(refundOrIntentId);
    }

    void countRefundPost(Map<String, String> form) {
        refundPosts.increment(form.get("metadata[payrail_refund_id]"));
    }

    Reply refund(String account, Map<String, String> form) {
        String pi = form.get("payment_intent");
        Intent intent = owned(account, pi);
        if (intent == null) {
            return StripeErrors.missing("payment_intent", "No such payment_intent: '" + pi + "'");
        }
        Long amount = form.containsKey("amount") ? parseAmount(form.get("amount")) : null;
        Map<String, Object> refund;
        boolean slow;
        synchronized (intent) {
            if (!"succeeded".equals(intent.status)) {
                return StripeErrors.invalid("payment_intent", "charge_not_refundable",
                        "This PaymentIntent has no successful charge to refund.");
            }
            long left = intent.amountReceived - intent.amountRefunded;
            long value = amount == null ? left : amount;
            if (value <= 0 || value > left) {
                return StripeErrors.invalid("amount", left == 0 ? "charge_already_refunded" : "amount_too_large",
                        "Refund amount (" + value + ") is greater than unrefunded amount on charge (" + left + ")");
            }
            slow = value == REFUND_SETTLES_LATER || value == REFUND_FAILS_LATER;
            intent.amountRefunded += value;
            refund = new LinkedHashMap<>();
            refund.put("id", "re_" + Ids.random(24));
            refund.put("object", "refund");
            refund.put("amount", value);
            refund.put("balance_transaction", "txn_" + Ids.random(24));
            refund.put("charge", intent.latestCharge);
            refund.put("created", Instant.now().getEpochSecond());
            refund.put("currency", intent.currency);
            refund.put("failure_reason", null);
            refund.put("metadata", metadataOf(form));
            refund.put("payment_intent", intent.id);
            refund.put("reason", form.get("reason"));
            refund.put("receipt_number", null);
            refund.put("source_transfer_reversal", null);
            refund.put("status", slow ? "pending" : "succeeded");
            refund.put("transfer_reversal", null);
        }
        long settleAt = System.nanoTime() + SLOW_REFUND.toNanos();
        String settlesTo = ((Number) refund.get("amount")).longValue() == REFUND_FAILS_LATER ? "failed" : "succeeded";
        refunds.put((String) refund.get("id"), new StoredRefund(account, intent, refund, settleAt, settlesTo));
        if (!slow) {
            Map<String, Object> charge = new LinkedHashMap<>();
            charge.put("id", intent.latestCharge);
            charge.put("object", "charge");
            charge.put("amount", intent.amount);
            charge.put("amount_refunded", intent.amountRefunded);
            charge.put("currency", intent.currency);
            charge.put("payment_intent", intent.id);
            charge.put("refunded", intent.amountRefunded == intent.amountReceived);
            charge.put("refunds", Map.of("object", "list", "data", List.of(refund), "has_more", false));
            webhooks.send(account, "charge.refunded", charge);
        }
        return Reply.ok(new LinkedHashMap<>(refund));
    }

    /** {@code GET /v1/refunds/{id}}: the current state; another account's refund does not exist for the caller. */
    Reply retrieveRefund(String account, String id) {
        refundReaders.put(id, account);
        StoredRefund r = refunds.get(id);
        return r == null || !r.account.equals(account) ? StripeErrors.missing("refund", "No such refund: '" + id + "'")
                : Reply.ok(r.current());
    }

    /** {@code GET /v1/refunds?payment_intent=}: the caller's refunds of the intent, newest first. */
    Reply listRefunds(String account, String paymentIntent, Integer limit) {
        if (paymentIntent != null) {
            refundReaders.put(paymentIntent, account);
            if (owned(account, paymentIntent) == null) {
                return StripeErrors.missing("payment_intent", "No such payment_intent: '" + paymentIntent + "'");
            }
        }
        int max = limit == null ? 10 : limit;
        if (max < 1 || max > 100) {
            return StripeErrors.invalid("limit", "parameter_invalid_integer",
                    "This value must be greater than or equal to 1 and less than or equal to 100.");
        }
        List<StoredRefund> mine = new ArrayList<>();
        refunds.forEachValue(r -> {
            if (r.account.equals(account) && (paymentIntent == null || paymentIntent.equals(r.intent.id))) {
                mine.add(r);
            }
        });
        List<Map<String, Object>> data = new ArrayList<>();
        for (StoredRefund r : mine) {
            data.add(r.current());
        }
        data.sort((a, b) -> Long.compare(((Number) b.get("created")).longValue(), ((Number) a.get("created")).longValue()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data.size() > max ? data.subList(0, max) : data);
        body.put("has_more", data.size() > max);
        body.put("url", "/v1/refunds");
        return Reply.ok(body);
    }

    @SuppressWarnings("unchecked")
    private static String metadataValue(Map<String, Object> json, String key) {
        Object m = json.get("metadata");
        return m instanceof Map<?, ?> map ? (String) ((Map<String, Object>) map).get(key) : null;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Map<String, String> metadataOf(Map<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring(9, k.length() - 1), v);
            }
        });
        return metadata;
    }

    private static Long parseAmount(String s) {
        if (s == null || !s.matches("[0-9]{1,12}")) {
            return null;
        }
        long v = Long.parseLong(s);
        return v >= 1 ? v : null;
    }

    /** A PaymentIntent, owned by the account (secret key) that created it. Mutated only while synchronized on itself. */
    static final class Intent {
        final String account;
        final String id;
        final long amount;
        final String currency;
        final String captureMethod;
        final Map<String, String> metadata;
        final String paymentMethod;
        final String last4;
        final String returnUrl;
        /** The Customer named at creation and {@code setup_future_usage}, or {@code null}. */
        String customer;
        String setupFutureUsage;
        final long created = Instant.now().getEpochSecond();
        final String clientSecret;
        String status;
        long amountCapturable;
        long amountReceived;
        long amountRefunded;
        String latestCharge;
        Map<String, Object> lastPaymentError;
        Map<String, Object> nextAction;
        /** The secret part of the 3-D Secure URL while {@code requires_action}. */
        String authToken;
        /** {@code payment_method_options[card][request_three_d_secure]}: any, automatic (the default) or challenge. */
        String requestThreeDSecure = "automatic";
        /** The payer's answer on the 3-D Secure page: authenticated or failed; {@code null}: no challenge. */
        String threeDSecureResult;

        /**
         * The latest Charge as {@code expand[]=latest_charge} shows it, with its
         * {@code payment_method_details.card.three_d_secure} ({@code null} without a challenge); the emulator's
         * challenge plays 3-D Secure 2.2.0.
         */
        Map<String, Object> chargeJson() {
            Map<String, Object> threeDS = null;
            if (threeDSecureResult != null) {
                threeDS = new LinkedHashMap<>();
                threeDS.put("authentication_flow", "challenge");
                threeDS.put("electronic_commerce_indicator", "authenticated".equals(threeDSecureResult) ? "05" : "07");
                threeDS.put("exemption_indicator", null);
                threeDS.put("result", threeDSecureResult);
                threeDS.put("result_reason", "failed".equals(threeDSecureResult) ? "rejected" : null);
                threeDS.put("version", "2.2.0");
            }
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("last4", last4);
            card.put("three_d_secure", threeDS);
            Map<String, Object> charge = new LinkedHashMap<>();
            charge.put("id", latestCharge);
            charge.put("object", "charge");
            charge.put("amount", amount);
            charge.put("currency", currency);
            charge.put("payment_intent", id);
            charge.put("paid", "succeeded".equals(status) || "requires_capture".equals(status));
            charge.put("captured", "succeeded".equals(status));
            charge.put("status", lastPaymentError == null ? "succeeded" : "failed");
            charge.put("payment_method_details", Map.of("type", "card", "card", card));
            return charge;
        }
        String cancellationReason;
        Long canceledAt;
        int charges;
        int captures;
        int cancels;
        /** While {@code processing}: the status it reaches at {@link #settlesAt} ({@link System#nanoTime}). */
        String settlesTo;
        long settlesAt;

        Intent(String account, String id, long amount, String currency, String captureMethod, Map<String, String> metadata,
                String paymentMethod, String last4, String returnUrl) {
            this.account = account;
            this.id = id;
            this.amount = amount;
            this.currency = currency;
            this.captureMethod = captureMethod;
            this.metadata = metadata;
            this.paymentMethod = paymentMethod;
            this.last4 = last4;
            this.returnUrl = returnUrl;
            this.clientSecret = id + "_secret_" + Ids.random(24);
            this.status = paymentMethod == null ? "requires_payment_method" : "requires_confirmation";
        }

        boolean authTokenMatches(String token) {
            return authToken != null && token != null && java.security.MessageDigest.isEqual(
                    authToken.getBytes(java.nio.charset.StandardCharsets.UTF_8), token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        boolean manual() {
            return "manual".equals(captureMethod);
        }

        synchronized int charges() {
            return charges;
        }

        void charge() {
            charges++;
            latestCharge = "ch_" + Ids.random(24);
            nextAction = null;
            lastPaymentError = null;
            if (manual()) {
                status = "requires_capture";
                amountCapturable = amount;
            } else {
                status = "succeeded";
                amountReceived = amount;
            }
        }

        void fail(Map<String, Object> error) {
            status = "requires_payment_method";
            latestCharge = "ch_" + Ids.random(24);
            nextAction = null;
            Map<String, Object> e = new LinkedHashMap<>(error);
            e.put("charge", latestCharge);
            lastPaymentError = e;
        }

        void requireAction(String baseUrl) {
            status = "requires_action";
            authToken = Ids.random(24);
            String url = baseUrl + "/sandbox/stripe/authenticate/" + id + "?token=" + authToken;
            nextAction = Map.of("type", "redirect_to_url",
                    "redirect_to_url", Map.of("url", url, "return_url", returnUrl == null ? "" : returnUrl));
        }

        void capture(long value) {
            status = "succeeded";
            amountReceived = value;
            amountCapturable = 0;
            captures++;
        }

        /** Shows {@code processing} for {@code duration} before the status just reached; whether it does. */
        boolean holdProcessing(Duration duration) {
            if (duration.isZero() || duration.isNegative()) {
                return false;
            }
            settlesTo = status;
            status = "processing";
            settlesAt = System.nanoTime() + duration.toNanos();
            return true;
        }

        /** A {@code processing} intent whose time has come reaches its status. */
        void settle() {
            if (settlesTo != null && System.nanoTime() - settlesAt >= 0) {
                status = settlesTo;
                settlesTo = null;
            }
        }

        void cancel(String reason) {
            cancels++;
            status = "canceled";
            amountCapturable = 0;
            nextAction = null;
            cancellationReason = reason;
            canceledAt = Instant.now().getEpochSecond();
        }

        Map<String, Object> json() {
            settle();
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", id);
            j.put("object", "payment_intent");
            j.put("amount", amount);
            j.put("amount_capturable", amountCapturable);
            j.put("amount_received", amountReceived);
            j.put("canceled_at", canceledAt);
            j.put("cancellation_reason", cancellationReason);
            j.put("capture_method", captureMethod);
            j.put("client_secret", clientSecret);
            j.put("confirmation_method", "automatic");
            j.put("created", created);
            j.put("currency", currency);
            j.put("customer", customer);
            j.put("last_payment_error", lastPaymentError);
            j.put("latest_charge", latestCharge);
            j.put("livemode", false);
            j.put("metadata", metadata);
            j.put("next_action", nextAction);
            j.put("payment_method", paymentMethod);
            j.put("payment_method_options", Map.of("card", Map.of("request_three_d_secure", requestThreeDSecure)));
            j.put("payment_method_types", List.of("card"));
            j.put("setup_future_usage", setupFutureUsage);
            j.put("status", status);
            return j;
        }
    }
}
