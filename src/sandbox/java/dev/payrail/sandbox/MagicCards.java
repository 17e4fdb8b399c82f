package dev.payrail.sandbox;

import java.util.Map;
import java.util.Set;

/**
 * Stripe's documented test cards: the magic values of the simulator provider and of the sandbox
 * emulators, in one table so that a test card means the same thing everywhere.
 */
public final class MagicCards {

    /** How a magic card is declined, in Stripe's terms. */
    public record Decline(String errorCode, String declineCode, String message) {
    }

    public static final String SUCCESS = "4242424242424242";
    public static final String SUCCESS_MASTERCARD = "5555555555554444";
    public static final String GENERIC_DECLINE = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS = "4000000000009995";
    public static final String REQUIRES_ACTION = "4000002500003155";
    /**
     * Stripe's {@code 4000 0000 0000 0341}: saving the card succeeds, every later charge of the saved
     * card is declined (for the simulator: the payment that saves it succeeds, charges of its token are
     * declined). Dunning tests use it.
     */
    public static final String DECLINES_AFTER_SAVE = "4000000000000341";

    private static final Map<String, Decline> DECLINES = Map.of(
            GENERIC_DECLINE, new Decline("card_declined", "generic_decline", "Your card was declined."),
            INSUFFICIENT_FUNDS, new Decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
            "4000000000009987", new Decline("card_declined", "lost_card", "Your card was declined."),
            "4000000000009979", new Decline("card_declined", "stolen_card", "Your card was declined."),
            "4000000000000069", new Decline("expired_card", "expired_card", "Your card has expired."),
            "4000000000000127", new Decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
            "4000000000000119", new Decline("processing_error", "processing_error",
                    "An error occurred while processing your card. Try again in a little bit."),
            "4100000000000019", new Decline("card_declined", "fraudulent", "Your card was declined."));
    private static final Set<String> ACTION = Set.of(REQUIRES_ACTION, "4000000000003220");

    private MagicCards() {
    }

    /** The decline of a magic declining card, or {@code null}. */
    public static Decline decline(String pan) {
        return DECLINES.get(pan);
    }

    /** The generic decline, for random failures of non-magic cards. */
    public static Decline genericDecline() {
        return DECLINES.get(GENERIC_DECLINE);
    }

    public static boolean requiresAction(String pan) {
        return ACTION.contains(pan);
    }

    public static boolean succeeds(String pan) {
        return SUCCESS.equals(pan) || SUCCESS_MASTERCARD.equals(pan);
    }

    /** Whether the card saves fine and declines every later charge of the saved card. */
    public static boolean declinesAfterSave(String pan) {
        return DECLINES_AFTER_SAVE.equals(pan);
    }

    /** Whether the card's outcome is fixed by the table (random failure injection leaves it alone). */
    public static boolean isMagic(String pan) {
        return succeeds(pan) || requiresAction(pan) || DECLINES.containsKey(pan);
    }
}
