package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.payrail.card.CardNetwork;
import dev.payrail.card.ValidatedCard;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.simulator.SimulatorConfig;
import dev.payrail.connector.simulator.SimulatorConnectorAccess;

/** The simulator without Quarkus: seeded randomness, success rates, idempotency. */
class SimulatorConnectorTest {

    static SimulatorConfig config(double cardRate, long seed) {
        return new SimulatorConfig() {
            public double cardSuccessRate() { return cardRate; }
            public double upiSuccessRate() { return 0.9; }
            public long processingDelayMin() { return 0; }
            public long processingDelayMax() { return 0; }
            public boolean testMode() { return false; }
            public boolean testPaymentSuccess() { return true; }
            public long testProcessingDelay() { return 0; }
            public OptionalLong seed() { return OptionalLong.of(seed); }
            public Optional<String> challengeBaseUrl() { return Optional.empty(); }
        };
    }

    private static ConnectorRequests.Authorize card(String id, String pan) {
        ValidatedCard c = new ValidatedCard(CardNetwork.VISA, pan.substring(0, 6), pan.substring(pan.length() - 4), "fp", 12,
                2035, null, pan, "123");
        return new ConnectorRequests.Authorize(id, "mer_1", id, 1000, "USD", PaymentMethodType.CARD, c, null, null, true);
    }

    private static List<Outcome> run(long seed, double rate, int n) {
        var sim = SimulatorConnectorAccess.create(config(rate, seed));
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sim.authorize(card("pay_" + i, "4111111111111111")).await().indefinitely().outcome());
        }
        return out;
    }

    @Test
    void aSeedMakesRandomOutcomesRepeatable() {
        assertEquals(run(42, 0.5, 200), run(42, 0.5, 200));
    }

    @Test
    void successRateIsRespected() {
        long ok = run(7, 0.8, 5000).stream().filter(o -> o == Outcome.SUCCEEDED).count();
        assertTrue(ok > 3800 && ok < 4200, "about 80% should succeed: " + ok);
    }

    @Test
    void magicCardsWinOverTheRate() {
        var sim = SimulatorConnectorAccess.create(config(0.0, 1));
        assertEquals(Outcome.SUCCEEDED, sim.authorize(card("pay_a", "4242424242424242")).await().indefinitely().outcome());
        ConnectorResult d = sim.authorize(card("pay_b", "4000000000009995")).await().indefinitely();
        assertEquals(Outcome.DECLINED, d.outcome());
        assertEquals("insufficient_funds", d.declineCode());
        assertEquals(Outcome.REQUIRES_ACTION, sim.authorize(card("pay_c", "4000002500003155")).await().indefinitely().outcome());
    }

    @Test
    void aRetryWithTheSameKeyIsNotChargedTwice() {
        var sim = SimulatorConnectorAccess.create(config(1.0, 1));
        ConnectorResult first = sim.authorize(card("pay_x", "4242424242424242")).await().indefinitely();
        ConnectorResult again = sim.authorize(card("pay_x", "4242424242424242")).await().indefinitely();
        assertEquals(first.providerReference(), again.providerReference());
        assertEquals(1, sim.chargesFor("pay_x"));
        assertEquals(2, sim.authorizeCalls());
        assertEquals(Outcome.SUCCEEDED, sim.status(new ConnectorRequests.Status("pay_x", first.providerReference(), 1000, "USD"))
                .await().indefinitely().outcome());
    }

    @Test
    void itRemembersTheLastPaymentsOnly() {
        var sim = SimulatorConnectorAccess.create(config(1.0, 1), 3);
        List<ConnectorResult> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(sim.authorize(card("pay_" + i, "4242424242424242")).await().indefinitely());
        }
        sim.remembered().forEach((store, size) -> assertTrue(size <= 3, store + ": " + size));
        assertEquals(3, sim.remembered().get("byIdempotencyKey"));

        // Remembered: replayed, not charged again.
        assertEquals(results.get(4).providerReference(),
                sim.authorize(card("pay_4", "4242424242424242")).await().indefinitely().providerReference());
        assertEquals(1, sim.chargesFor("pay_4"));
        // Forgotten: the status of its reference is pending (never "no record"), a retry is a new request.
        assertEquals(Outcome.PENDING, sim.status(new ConnectorRequests.Status("pay_0", results.get(0).providerReference(), 1000,
                "USD")).await().indefinitely().outcome());
        ConnectorResult again = sim.authorize(card("pay_0", "4242424242424242")).await().indefinitely();
        assertTrue(!again.providerReference().equals(results.get(0).providerReference()), "decided again");
        assertEquals(Outcome.SUCCEEDED, sim.capture(new ConnectorRequests.Capture("pay_1", results.get(1).providerReference(), "cap_1",
                1000, "USD", true)).await().indefinitely().outcome(), "a capture needs no memory");
    }
}
