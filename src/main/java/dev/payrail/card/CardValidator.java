package dev.payrail.card;

import dev.payrail.common.ApiException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Validates raw card details from a request. Error messages never contain the card number, any
 * of its digits, or the CVC.
 */
@Singleton
public class CardValidator {

    static final String NUMBER = "card.number";
    static final String EXPIRY_MONTH = "card.expiry_month";
    static final String EXPIRY_YEAR = "card.expiry_year";
    static final String CVC = "card.cvc";
    static final String HOLDER_NAME = "card.holder_name";

    /** The longest accepted cardholder name, in characters. */
    public static final int MAX_HOLDER_NAME_LENGTH = 200;
    /** The earliest accepted expiry year. */
    public static final int MIN_EXPIRY_YEAR = 2000;
    /** The latest accepted expiry year. */
    public static final int MAX_EXPIRY_YEAR = 2100;

    private final CardFingerprinter fingerprinter;
    private final Clock clock;

    @Inject
    public CardValidator(CardFingerprinter fingerprinter, Clock clock) {
        this.fingerprinter = fingerprinter;
        this.clock = clock;
    }

    /**
     * Validates card details and derives the network, BIN, last four digits and fingerprint.
     *
     * <p>Rules: the number is required, may contain spaces and dashes, must have 12-19 digits and
     * pass the Luhn check; the expiry month is 1-12 and the year has four digits (2000-2100);
     * the card is valid through the last day of its expiry month, in UTC; the CVC is required
     * and has 4 digits for American Express, 3 for every other network; the holder name is
     * optional (blank counts as absent) and at most {@value #MAX_HOLDER_NAME_LENGTH} characters.
     *
     * @throws ApiException 400 naming the first invalid field: {@code card.number},
     *                      {@code card.expiry_month}, {@code card.expiry_year}, {@code card.cvc} or
     *                      {@code card.holder_name}
     */
    public ValidatedCard validate(String number, Integer expiryMonth, Integer expiryYear,
                                  String cvc, String holderName) {
        String pan = requirePan(number);
        CardNetwork network = CardNetwork.detect(pan);
        int month = requireExpiryMonth(expiryMonth);
        int year = requireExpiryYear(expiryYear);
        requireNotExpired(month, year);
        String checkedCvc = requireCvc(cvc, network);
        String name = optionalHolderName(holderName);
        return new ValidatedCard(
                network,
                pan.substring(0, 6),
                pan.substring(pan.length() - 4),
                fingerprinter.fingerprint(pan),
                month,
                year,
                name,
                pan,
                checkedCvc);
    }

    private static String requirePan(String number) {
        if (number == null || number.isBlank()) {
            throw ApiException.badRequest(NUMBER + " is required", NUMBER);
        }
        String pan = Cards.normalizePan(number.strip());
        if (pan == null || !Cards.luhnValid(pan)) {
            throw ApiException.badRequest(NUMBER + " is not a valid card number", NUMBER);
        }
        return pan;
    }

    private static int requireExpiryMonth(Integer expiryMonth) {
        if (expiryMonth == null) {
            throw ApiException.badRequest(EXPIRY_MONTH + " is required", EXPIRY_MONTH);
        }
        if (expiryMonth < 1 || expiryMonth > 12) {
            throw ApiException.badRequest(EXPIRY_MONTH + " must be between 1 and 12", EXPIRY_MONTH);
        }
        return expiryMonth;
    }

    private static int requireExpiryYear(Integer expiryYear) {
        if (expiryYear == null) {
            throw ApiException.badRequest(EXPIRY_YEAR + " is required", EXPIRY_YEAR);
        }
        if (expiryYear < MIN_EXPIRY_YEAR || expiryYear > MAX_EXPIRY_YEAR) {
            throw ApiException.badRequest(EXPIRY_YEAR + " must be a four-digit year between "
                    + MIN_EXPIRY_YEAR + " and " + MAX_EXPIRY_YEAR, EXPIRY_YEAR);
        }
        return expiryYear;
    }

    private void requireNotExpired(int month, int year) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        YearMonth expiry = YearMonth.of(year, month);
        if (expiry.isBefore(current)) {
            String param = year < current.getYear() ? EXPIRY_YEAR : EXPIRY_MONTH;
            throw ApiException.badRequest("The card has expired", param);
        }
    }

    private static String requireCvc(String cvc, CardNetwork network) {
        if (cvc == null || cvc.isEmpty()) {
            throw ApiException.badRequest(CVC + " is required", CVC);
        }
        int expectedLength = network == CardNetwork.AMEX ? 4 : 3;
        if (cvc.length() != expectedLength || !isDigits(cvc)) {
            String message = network == CardNetwork.AMEX
                    ? CVC + " must be 4 digits for American Express cards"
                    : CVC + " must be 3 digits";
            throw ApiException.badRequest(message, CVC);
        }
        return cvc;
    }

    private static String optionalHolderName(String holderName) {
        if (holderName == null || holderName.isBlank()) {
            return null;
        }
        String name = holderName.strip();
        if (name.codePointCount(0, name.length()) > MAX_HOLDER_NAME_LENGTH) {
            throw ApiException.badRequest(HOLDER_NAME + " must be at most "
                    + MAX_HOLDER_NAME_LENGTH + " characters", HOLDER_NAME);
        }
        return name;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
