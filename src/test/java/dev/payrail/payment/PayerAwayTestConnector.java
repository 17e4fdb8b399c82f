package dev.payrail.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.NextActions;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import io.smallrye.mutiny.Uni;

/**
 * A provider whose payer scans a QR code away from Payrail and whose notifications never arrive: the
 * test says what the provider's status query and its close-order call answer for each payment, and
 * reads which calls reached it. Its payer window is two seconds.
 */
@ApplicationScoped
public class PayerAwayTestConnector implements PaymentConnector {

    public static final String NAME = "test_payer_away";
    static final Duration WINDOW = Duration.ofSeconds(2);

    private final Map<String, ConnectorResult> statusAnswers = new ConcurrentHashMap<>();
    private final Map<String, ConnectorResult> closeAnswers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.WALLET);
    }

    @Override
    public Set<Operation> operations() {
        return Set.of(Operation.AUTHORIZE, Operation.VOID, Operation.PAYMENT_STATUS);
    }

    @Override
    public Optional<Duration> payerWindow() {
        return Optional.of(WINDOW);
    }

    /** From now on the status query for {@code paymentId} answers {@code answer}. */
    void answerStatus(String paymentId, ConnectorResult answer) {
        statusAnswers.put(paymentId, answer);
    }

    /** From now on closing the order of {@code paymentId} answers {@code answer} (default: closed). */
    void answerClose(String paymentId, ConnectorResult answer) {
        closeAnswers.put(paymentId, answer);
    }

    /** The calls that reached the provider for {@code paymentId}, in order ({@code status}, {@code close}). */
    List<String> callsFor(String paymentId) {
        return calls.stream().filter(c -> c.endsWith(" " + paymentId)).map(c -> c.substring(0, c.indexOf(' '))).toList();
    }

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize request) {
        calls.add("authorize " + request.paymentId());
        Map<String, Object> qr = NextActions.displayQrCode("https://qr.example/" + request.paymentId(),
                Instant.now().plus(WINDOW));
        return Uni.createFrom().item(new ConnectorResult(Outcome.REQUIRES_ACTION, "away_" + request.paymentId(), null,
                null, null, null, qr));
    }

    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status request) {
        calls.add("status " + request.paymentId());
        return Uni.createFrom().item(statusAnswers.getOrDefault(request.paymentId(),
                new ConnectorResult(Outcome.REQUIRES_ACTION, request.providerReference(), null, null, null, null, null)));
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void request) {
        calls.add("close " + request.paymentId());
        return Uni.createFrom().item(closeAnswers.getOrDefault(request.paymentId(),
                ConnectorResult.succeeded(request.providerReference())));
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture request) {
        throw new AssertionError("a QR payment is never captured separately");
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund request) {
        throw new AssertionError("not in these tests");
    }

    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus request) {
        throw new AssertionError("not in these tests");
    }
}
