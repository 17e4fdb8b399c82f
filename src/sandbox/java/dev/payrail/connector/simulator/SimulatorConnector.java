package dev.payrail.connector.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.payrail.common.Ids;
import dev.payrail.common.PublicBaseUrl;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentStage;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.sandbox.Recent;
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
 * <li>status (the reconciler): {@code pending}, as for any reference it does not know — never
 * "no record", because the reference proves the simulator did receive the payment; the
 * reconciler keeps asking and finally gives up, leaving the payment unknown for an operator;
 * <li>{@link #chargesFor}: 0.
 * </ul>
 */
@ApplicationScoped
public class SimulatorConnector implements PaymentConnector {

    public static final String NAME = "simulator";

    private final SimulatorConfig config;
    private final Random random;
    private final Recent<String, ConnectorResult> byIdempotencyKey;
    private final Recent<String, ConnectorResult> byReference;
    private final Recent<String, AtomicInteger> chargesByPayment;
    private final Recent<String, SimRefund> refundsByKey;
    private final Recent<String, SimRefund> refundsByOurId;
    private final Recent<String, SimRefund> refundsByReference;
    /** Where each remembered payment stands, by reference: what a status query answers. */
    private final Recent<String, Standing> standings;
    private final LongAdder authorizeCalls = new LongAdder();

    private final SimulatorWebhooks webhooks;

    @Inject
    SimulatorConnector(SimulatorConfig config, SimulatorWebhooks webhooks, SandboxConfig sandbox) {
        this(config, webhooks, sandbox.rememberedPayments());
    }

    SimulatorConnector(SimulatorConfig config, SimulatorWebhooks webhooks, int rememberedPayments) {
        this.config = config;
        this.webhooks = webhooks;
        this.random = config.seed().isPresent() ? new Random(config.seed().getAsLong()) : new Random();
        this.byIdempotencyKey = new Recent<>(rememberedPayments);
        this.byReference = new Recent<>(rememberedPayments);
        this.chargesByPayment = new Recent<>(rememberedPayments);
        this.refundsByKey = new Recent<>(rememberedPayments);
        this.refundsByOurId = new Recent<>(rememberedPayments);
        this.refundsByReference = new Recent<>(rememberedPayments);
        this.standings = new Recent<>(rememberedPayments);
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

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        authorizeCalls.increment();
        ConnectorResult result = byIdempotencyKey.computeIfAbsent(request.idempotencyKey(), k -> decide(request));
        return delayed(result);
    }

    private ConnectorResult decide(ConnectorRequests.Authorize request) {
        String reference = "sim_" + Ids.random(18);
        ConnectorResult magic = SimulatorMagic.outcome(request, reference, challengeUrl(request.paymentId()));
        ConnectorResult result = magic != null ? magic : randomOutcome(request, reference);
        if (result.is(Outcome.SUCCEEDED)) {
            chargesByPayment.computeIfAbsent(request.paymentId(), k -> new AtomicInteger()).incrementAndGet();
            standings.put(reference, request.capture() ? new Standing(PaymentStage.CAPTURED, request.amount())
                    : new Standing(PaymentStage.AUTHORIZED, 0));
        } else if (result.is(Outcome.DECLINED)) {
            standings.put(reference, new Standing(PaymentStage.FAILED, 0));
        }
        byReference.put(reference, result);
        return result;
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
        }
        return answer;
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        Uni<ConnectorResult> answer = known(request.providerReference(), ConnectorResult.succeeded(request.providerReference()));
        if (request.providerReference() != null && request.providerReference().startsWith("sim_")) {
            standings.put(request.providerReference(), new Standing(PaymentStage.VOIDED, 0));
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

    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        String reference = request.providerReference();
        ConnectorResult known = reference == null ? null : byReference.get(reference);
        if (known == null) {
            return Uni.createFrom().item(ConnectorResult.pending(reference, null).at(PaymentStage.PENDING));
        }
        Standing standing = standings.get(reference);
        if (standing == null) {
            return Uni.createFrom().item(known.at(PaymentStage.PENDING));
        }
        return Uni.createFrom().item(standing.stage() == PaymentStage.CAPTURED ? known.capturedAt(standing.captured())
                : known.at(standing.stage()));
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
        AtomicInteger n = chargesByPayment.get(paymentId);
        return n == null ? 0 : n.get();
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
        return sizes;
    }
}
