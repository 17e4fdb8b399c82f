package dev.payrail.connector.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.common.PublicBaseUrl;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.DisputeOperations;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.RecentCounts;
import dev.payrail.sandbox.SandboxConfig;
import io.smallrye.mutiny.Uni;

/**
 * A provider in process, for development, tests and load tests. Magic values always win:
 * Stripe's test cards and the VPAs {@code success@…} / {@code failure@…}; everything else follows
 * the configured success rates (or {@code test-mode}). Like a real provider it is idempotent: a
 * retry with the same idempotency key gets the first answer back and is not charged again.
 *
 * <p>It remembers only the last {@code payrail.sandbox.remembered-payments} payments (per store:
 * answers by idempotency key, answers by reference, charges per payment, refunds; the
 * oldest inserted is forgotten first), so it runs forever in a small heap. A forgotten payment:
 * <ul>
 * <li>authorize or refund retried with its idempotency key: decided again, as a new request (a
 * key still remembered is never charged twice);
 * <li>capture, void: need no memory, any {@code sim_} reference is accepted as before;
 * <li>status (the reconciler): from the journal (below); a reference the journal does not hold
 * either is {@code pending} — never "no record", because the reference proves the simulator did
 * receive the payment; the reconciler keeps asking and finally gives up, leaving the payment
 * unknown for an operator;
 * <li>{@link #chargesFor}: 0.
 * </ul>
 *
 * <p>Like a real provider's, what it must keep outlives the gateway's process: each authorization's
 * answer by our idempotency key and each payment's stage by its reference are written to the
 * {@link SimulatorJournal} (Redis) before the answer is given. After a restart (or once its memory
 * forgot a payment), a status query by reference or by the attempt's key, and an authorization
 * resent with the same key, are answered from the journal; a key the journal never saw is "no
 * record" (the attempt never arrived). While Redis is down it works from memory alone.
 */
@Singleton
public class SimulatorConnector implements PaymentConnector, DisputeOperations {

    public static final String NAME = "simulator";

    private final SimulatorConfig config;
    private final Random random;
    private final Recent<String, ConnectorResult> byIdempotencyKey;
    private final Recent<String, ConnectorResult> byReference;
    private final RecentCounts chargesByPayment;
    private final Recent<String, SimRefund> refundsByKey;
    private final Recent<String, SimRefund> refundsByOurId;
    private final Recent<String, SimRefund> refundsByReference;
    /** Where each remembered payment stands, by reference: what a status query answers. */
    private final Recent<String, Standing> standings;
    private final LongAdder authorizeCalls = new LongAdder();
    /** Saved cards by token (the card without its CVC, as a provider's vault keeps it), and tokens by the saving key. */
    private final Recent<String, dev.payrail.card.ValidatedCard> vault;
    private final Recent<String, String> tokensByKey;

    private final SimulatorWebhooks webhooks;
    /** {@code null}: memory only (unit tests). */
    private final SimulatorJournal journal;

    @Inject
    SimulatorConnector(SimulatorConfig config, SimulatorWebhooks webhooks, SandboxConfig sandbox,
            SimulatorJournal journal) {
        this(config, webhooks, sandbox.rememberedPayments(), journal);
    }

    SimulatorConnector(SimulatorConfig config, SimulatorWebhooks webhooks, int rememberedPayments) {
        this(config, webhooks, rememberedPayments, null);
    }

    SimulatorConnector(SimulatorConfig config, SimulatorWebhooks webhooks, int rememberedPayments,
            SimulatorJournal journal) {
        this.config = config;
        this.webhooks = webhooks;
        this.journal = journal;
        this.random = config.seed().isPresent() ? new Random(config.seed().getAsLong()) : new Random();
        this.byIdempotencyKey = new Recent<>(rememberedPayments);
        this.byReference = new Recent<>(rememberedPayments);
        this.chargesByPayment = new RecentCounts(rememberedPayments);
        this.refundsByKey = new Recent<>(rememberedPayments);
        this.refundsByOurId = new Recent<>(rememberedPayments);
        this.refundsByReference = new Recent<>(rememberedPayments);
        this.standings = new Recent<>(rememberedPayments);
        this.vault = new Recent<>(rememberedPayments);
        this.tokensByKey = new Recent<>(rememberedPayments);
    }

    /** A payment's stage at the simulator and how much it captured. */
    private record Standing(PaymentStage stage, long captured) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A fake provider: the production flavour has no simulator and refuses to start with one. */
    @Override
    public boolean sandboxOnly() {
        return true;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.CARD, PaymentMethodType.UPI, PaymentMethodType.WALLET);
    }

    @Override
    public Set<Operation> operations() {
        return Operation.all();
    }

    /** The simulator keeps cards for later payments, like a provider's vault (in memory). */
    @Override
    public boolean storesPaymentMethods() {
        return true;
    }

    /**
     * Saves the card of a successful payment ({@code simpm_…} token; the same token again for a
     * retry with the same idempotency key), or charges a saved token: the card behind it decides, as
     * a card would (its magic number included). A merchant-initiated charge of a card that demands
     * authentication is declined {@code authentication_required}, as issuers do. A token it does not
     * hold (detached, or forgotten) is declined.
     */
    @Override
    public Uni<ConnectorRequests.OnFileAnswer> authorizeOnFile(ConnectorRequests.Authorize request,
            ConnectorRequests.OnFile onFile) {
        if (onFile.token() != null) {
            dev.payrail.card.ValidatedCard card = vault.get(onFile.token());
            if (card == null) {
                return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(ConnectorResult.declined(null,
                        "payment_method_unusable", null, "The simulator holds no payment method " + onFile.token() + "."),
                        null));
            }
            if (dev.payrail.sandbox.MagicCards.declinesAfterSave(card.pan())) {
                return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(ConnectorResult.declined(
                        "sim_" + Ids.random(18), "card_declined", "generic_decline", "Your card was declined."), null));
            }
            if (onFile.offSession() && dev.payrail.sandbox.MagicCards.requiresAction(card.pan())) {
                return Uni.createFrom().item(new ConnectorRequests.OnFileAnswer(ConnectorResult.declined(
                        "sim_" + Ids.random(18), "authentication_required", "authentication_required",
                        "The issuer requires authentication; the customer is not present."), null));
            }
            var withCard = new ConnectorRequests.Authorize(request.paymentId(), request.merchantId(),
                    request.idempotencyKey(), request.amount(), request.currency(), request.method(), card, null, null,
                    request.capture(), null, null);
            return authorize(withCard).map(r -> new ConnectorRequests.OnFileAnswer(r, null));
        }
        return authorize(request).map(r -> {
            if (!onFile.save() || !r.is(Outcome.SUCCEEDED) || request.card() == null) {
                return new ConnectorRequests.OnFileAnswer(r, null);
            }
            var c = request.card();
            String token = tokensByKey.computeIfAbsent(request.idempotencyKey(), k -> {
                String t = "simpm_" + Ids.random(20);
                vault.put(t, new dev.payrail.card.ValidatedCard(c.network(), c.bin(), c.last4(), c.fingerprint(),
                        c.expiryMonth(), c.expiryYear(), c.holderName(), c.pan(), null));
                return t;
            });
            return new ConnectorRequests.OnFileAnswer(r, new ConnectorRequests.SavedCard(token, null));
        });
    }

    @Override
    public Uni<ConnectorResult> detachPaymentMethod(ConnectorRequests.Detach request) {
        vault.remove(request.token());
        return Uni.createFrom().item(ConnectorResult.succeeded(request.token()));
    }

    /** Whether the simulator holds a saved card under this token (tests). */
    public boolean holdsPaymentMethod(String token) {
        return vault.get(token) != null;
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        authorizeCalls.increment();
        String key = request.idempotencyKey();
        ConnectorResult remembered = byIdempotencyKey.get(key);
        if (remembered != null || journal == null) {
            return delayed(remembered != null ? remembered
                    : byIdempotencyKey.computeIfAbsent(key, k -> remember(request, decide(request))));
        }
        // The key is claimed for the answer and the answer journalled in one step, before it is given: a key
        // answered before (by this process or one that died) gets that first answer back, never a second charge.
        ConnectorResult fresh = decide(request);
        Standing standing = standingAfter(request, fresh);
        return journal.claimAndRecord(key, fresh, standing == null ? null : standing.stage(),
                standing == null ? 0 : standing.captured())
                .chain(earlier -> earlier == null
                        ? Uni.createFrom().item(byIdempotencyKey.computeIfAbsent(key, k -> remember(request, fresh)))
                        : journal.find(earlier).map(entry -> entry == null ? ConnectorResult.pending(earlier, null)
                                : byIdempotencyKey.computeIfAbsent(key, k -> recall(earlier, entry))))
                .chain(this::delayed);
    }

    /** A new decision: magic values first, else the configured rates. No side effect. */
    private ConnectorResult decide(ConnectorRequests.Authorize request) {
        String reference = "sim_" + Ids.random(18);
        String challenge = challengeUrl(request.paymentId());
        ConnectorResult magic = SimulatorMagic.outcome(request, reference, challenge);
        return SimulatorMagic.threeDSecure(request, magic != null ? magic : randomOutcome(request, reference), challenge);
    }

    /** Where a payment stands after this first answer; {@code null} while it waits (a challenge). */
    private static Standing standingAfter(ConnectorRequests.Authorize request, ConnectorResult result) {
        if (result.is(Outcome.SUCCEEDED)) {
            return request.capture() ? new Standing(PaymentStage.CAPTURED, request.amount())
                    : new Standing(PaymentStage.AUTHORIZED, 0);
        }
        return result.is(Outcome.DECLINED) ? new Standing(PaymentStage.FAILED, 0) : null;
    }

    /** Takes this decision as the answer to the request: a success charges once. */
    private ConnectorResult remember(ConnectorRequests.Authorize request, ConnectorResult result) {
        String reference = result.providerReference();
        if (result.is(Outcome.SUCCEEDED)) {
            chargesByPayment.increment(request.paymentId());
        }
        Standing standing = standingAfter(request, result);
        if (standing != null) {
            standings.put(reference, standing);
        }
        byReference.put(reference, result);
        return result;
    }

    /** A payment known from the journal only (answered before a restart): remembered again, not charged again. */
    private ConnectorResult recall(String reference, SimulatorJournal.Entry entry) {
        byReference.put(reference, entry.answer());
        if (entry.stage() != null) {
            standings.put(reference, new Standing(entry.stage(), entry.captured()));
        }
        return entry.answer();
    }

    private ConnectorResult randomOutcome(ConnectorRequests.Authorize request, String reference) {
        boolean success;
        if (config.testMode()) {
            success = config.testPaymentSuccess();
        } else {
            double rate = request.method() == PaymentMethodType.UPI ? config.upiSuccessRate() : config.cardSuccessRate();
            synchronized (random) {
                success = random.nextDouble() < rate;
            }
        }
        return success ? ConnectorResult.succeeded(reference)
                : ConnectorResult.declined(reference, "card_declined", "generic_decline", "The payment was declined.");
    }

    private String challengeUrl(String paymentId) {
        String token = Ids.random(24);
        return PublicBaseUrl.or(config.challengeBaseUrl()) + "/simulator/challenge/" + paymentId + "?token=" + token;
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        Uni<ConnectorResult> answer = known(request.providerReference(), ConnectorResult.succeeded(request.providerReference()));
        if (request.providerReference() != null && request.providerReference().startsWith("sim_")) {
            standings.put(request.providerReference(), new Standing(PaymentStage.CAPTURED, request.amount()));
            return journalled(request.providerReference(), PaymentStage.CAPTURED, request.amount(), answer);
        }
        return answer;
    }

    private Uni<ConnectorResult> journalled(String reference, PaymentStage stage, long captured, Uni<ConnectorResult> answer) {
        return journal == null ? answer : journal.stage(reference, stage, captured).chain(() -> answer);
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        Uni<ConnectorResult> answer = known(request.providerReference(), ConnectorResult.succeeded(request.providerReference()));
        if (request.providerReference() != null && request.providerReference().startsWith("sim_")) {
            standings.put(request.providerReference(), new Standing(PaymentStage.VOIDED, 0));
            return journalled(request.providerReference(), PaymentStage.VOIDED, 0, answer);
        }
        return answer;
    }

    /** Refund amounts the simulator settles later: pending at first, then succeeded or declined. */
    public static final long REFUND_SETTLES_LATER = 7777;
    public static final long REFUND_FAILS_LATER = 7778;
    /** How long a slow refund stays pending. */
    static final Duration SLOW_REFUND = Duration.ofSeconds(1);

    /** A refund the simulator made: its first answer (replayed to a retry with the same key) and what it became. */
    private record SimRefund(String reference, long since, boolean slow, boolean failsLater, ConnectorResult firstAnswer) {

        ConnectorResult current() {
            if (!slow || System.nanoTime() - since < SLOW_REFUND.toNanos()) {
                return firstAnswer;
            }
            return failsLater ? ConnectorResult.declined(reference, "refund_declined", null, "The refund was declined.")
                    : ConnectorResult.succeeded(reference);
        }
    }

    /**
     * Like a provider: a retry with the same idempotency key gets the first answer back (a slow
     * refund stays pending there); what became of the refund is for {@link #refundStatus}.
     */
    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        SimRefund made = refundsByKey.computeIfAbsent(request.idempotencyKey(), k -> {
            String reference = "simre_" + Ids.random(18);
            boolean slow = request.amount() == REFUND_SETTLES_LATER || request.amount() == REFUND_FAILS_LATER;
            SimRefund r = new SimRefund(reference, System.nanoTime(), slow, request.amount() == REFUND_FAILS_LATER,
                    slow ? ConnectorResult.pending(reference, null) : ConnectorResult.succeeded(reference));
            refundsByOurId.put(request.refundId(), r);
            refundsByReference.put(reference, r);
            return r;
        });
        return delayed(made.firstAnswer());
    }

    /**
     * By the simulator's refund id, else by our refund id. A refund reference it does not know
     * (forgotten) is pending, as for payments; a refund id it never saw is "no record".
     */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        SimRefund r = request.refundProviderReference() != null ? refundsByReference.get(request.refundProviderReference())
                : refundsByOurId.get(request.refundId());
        if (r != null) {
            return delayed(r.current());
        }
        return delayed(request.refundProviderReference() != null
                ? ConnectorResult.pending(request.refundProviderReference(), null)
                : ConnectorResult.noRecord("The simulator has no refund " + request.refundId() + "."));
    }

    /**
     * By the simulator's reference, else by the attempt's idempotency key (a payment whose answer
     * was never stored): from memory, else from the journal. A key the journal never saw is "no
     * record"; a reference it does not know is pending (see the class comment).
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        String reference = request.providerReference();
        String key = request.idempotencyKey();
        if (reference == null && key != null && byIdempotencyKey.get(key) != null) {
            reference = byIdempotencyKey.get(key).providerReference();
        }
        ConnectorResult known = reference == null ? null : byReference.get(reference);
        if (known != null) {
            return Uni.createFrom().item(standing(reference, known));
        }
        if (journal == null || reference == null && key == null) {
            return Uni.createFrom().item(ConnectorResult.pending(reference, null).at(PaymentStage.PENDING));
        }
        String byReference = reference;
        Uni<String> found = reference != null ? Uni.createFrom().item(reference) : journal.referenceFor(key);
        return found.chain(ref -> {
            if (ref == null) {
                return Uni.createFrom().item(ConnectorResult.noRecord("The simulator has no payment with this key."));
            }
            return journal.find(ref).map(entry -> entry == null
                    ? ConnectorResult.pending(byReference, null).at(PaymentStage.PENDING)
                    : standing(ref, recall(ref, entry)));
        });
    }

    private ConnectorResult standing(String reference, ConnectorResult known) {
        Standing standing = standings.get(reference);
        if (standing == null) {
            return known.at(PaymentStage.PENDING);
        }
        return standing.stage() == PaymentStage.CAPTURED ? known.capturedAt(standing.captured()) : known.at(standing.stage());
    }

    /** Forgets everything held in memory, as a restart of the gateway does; the journal stays. */
    public void forgetMemory() {
        byIdempotencyKey.clear();
        byReference.clear();
        chargesByPayment.clear();
        refundsByKey.clear();
        refundsByOurId.clear();
        refundsByReference.clear();
        standings.clear();
    }

    private Uni<ConnectorResult> known(String reference, ConnectorResult ifKnown) {
        if (reference == null || !reference.startsWith("sim_")) {
            return Uni.createFrom().item(ConnectorResult.declined(reference, "invalid_request", null,
                    "No such simulated payment."));
        }
        return delayed(ifKnown);
    }

    private Uni<ConnectorResult> delayed(ConnectorResult result) {
        long delay = delayMillis();
        Uni<ConnectorResult> uni = Uni.createFrom().item(result);
        return delay <= 0 ? uni : uni.onItem().delayIt().by(Duration.ofMillis(delay));
    }

    private long delayMillis() {
        if (config.testMode()) {
            return config.testProcessingDelay();
        }
        long min = config.processingDelayMin();
        long max = Math.max(min, config.processingDelayMax());
        if (max == min) {
            return min;
        }
        synchronized (random) {
            return min + (long) (random.nextDouble() * (max - min));
        }
    }

    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        return Uni.createFrom().item(() -> webhooks.verify(webhook));
    }

    /** Successful charges the simulator made for a payment (tests count double charges with it). */
    public int chargesFor(String paymentId) {
        return chargesByPayment.get(paymentId);
    }

    /** Authorization requests received since start. */
    public long authorizeCalls() {
        return authorizeCalls.sum();
    }

    /** Entries held by each per-payment store now (each at most {@code payrail.sandbox.remembered-payments}). */
    public Map<String, Integer> remembered() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("byIdempotencyKey", byIdempotencyKey.size());
        sizes.put("byReference", byReference.size());
        sizes.put("chargesByPayment", chargesByPayment.size());
        sizes.put("refundsByKey", refundsByKey.size());
        sizes.put("refundsByOurId", refundsByOurId.size());
        sizes.put("refundsByReference", refundsByReference.size());
        sizes.put("standings", standings.size());
        sizes.put("vault", vault.size());
        sizes.put("tokensByKey", tokensByKey.size());
        return sizes;
    }

    // ---- disputes (see SimulatorDisputes) ------------------------------------------------------

    @Override
    public Uni<DisputeOperations.Answer> submitEvidence(String merchantId, String disputeId, Map<String, String> evidence,
            boolean submit) {
        return Uni.createFrom().item(() -> webhooks.disputes().evidence(disputeId, evidence, submit));
    }

    @Override
    public Uni<DisputeOperations.Answer> accept(String merchantId, String disputeId) {
        return Uni.createFrom().item(() -> webhooks.disputes().accept(disputeId));
    }
}
