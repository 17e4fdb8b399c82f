package dev.payrail.connector;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import dev.payrail.money.Currencies;

/**
 * How one provider writes amounts, and the conversion from Payrail's amounts (a {@code long} of
 * ISO 4217 minor units, see {@link Currencies}) to the provider's and back.
 *
 * <p>Two notations exist: an integer count of the provider's minor units (Stripe: {@code 1000}
 * for 10.00 USD) or a decimal string of major units (PayPal: {@code "10.00"}). Either way the
 * provider has its own <em>exponent</em> per currency, which differs from ISO 4217 for some
 * currencies (Stripe writes ISK with two decimals, ISO with none; PayPal writes HUF and TWD with
 * none, ISO with two), and may charge fewer <em>decimals</em> than its exponent shows (Stripe's
 * three-decimal currencies must end in 0; its ISK must be whole krónur). An amount with a fraction
 * the provider cannot charge is not {@linkplain #supports supported}: it is never rounded.
 *
 * <p>Build one with {@link #minorUnits()} or {@link #majorUnits()} and the provider's documented
 * exceptions; {@link #ISO_MINOR} is Payrail's own notation.
 */
public final class AmountUnits {

    /** How amounts appear on the provider's wire. */
    public enum Notation {
        /** An integer count of the provider's minor units: {@code 1050}. */
        MINOR_INTEGER,
        /** A decimal string in major units with the provider's number of decimals: {@code "10.50"}. */
        MAJOR_DECIMAL
    }

    /** An amount the provider cannot express: a fraction it does not charge, or a currency nobody knows. */
    public static final class NotRepresentable extends IllegalArgumentException {
        NotRepresentable(String message) {
            super(message);
        }
    }

    /** ISO 4217 minor units as integers, without exceptions: Payrail's own API notation. */
    public static final AmountUnits ISO_MINOR = minorUnits().build();

    private final Notation notation;
    private final Map<String, Integer> exponents;
    private final Map<String, Integer> decimals;

    private AmountUnits(Builder b) {
        this.notation = b.notation;
        this.exponents = Map.copyOf(b.exponents);
        this.decimals = Map.copyOf(b.decimals);
    }

    /** A provider counting integer minor units (ISO exponents unless overridden). */
    public static Builder minorUnits() {
        return new Builder(Notation.MINOR_INTEGER);
    }

    /** A provider writing decimal strings of major units (ISO decimals unless overridden). */
    public static Builder majorUnits() {
        return new Builder(Notation.MAJOR_DECIMAL);
    }

    /** The provider's documented exceptions to ISO 4217. */
    public static final class Builder {
        private final Notation notation;
        private final Map<String, Integer> exponents = new HashMap<>();
        private final Map<String, Integer> decimals = new HashMap<>();

        private Builder(Notation notation) {
            this.notation = notation;
        }

        /**
         * The provider writes these currencies with {@code exponent} decimals (and charges all of
         * them unless {@link #chargeable} says fewer).
         */
        public Builder exponent(int exponent, String... currencies) {
            for (String c : currencies) {
                exponents.put(c, exponent);
            }
            return this;
        }

        /** The provider charges only {@code decimals} decimals of these currencies; the rest must be zero. */
        public Builder chargeable(int decimals, String... currencies) {
            for (String c : currencies) {
                this.decimals.put(c, decimals);
            }
            return this;
        }

        public AmountUnits build() {
            return new AmountUnits(this);
        }
    }

    public Notation notation() {
        return notation;
    }

    /** How many decimals the provider writes for the currency. */
    public int exponent(String currency) {
        Integer e = exponents.get(currency);
        return e != null ? e : Currencies.exponent(currency);
    }

    /** How many of those decimals the provider charges (the others must be zero). */
    public int chargeableDecimals(String currency) {
        int exponent = exponent(currency);
        Integer d = decimals.get(currency);
        return d == null ? exponent : Math.min(d, exponent);
    }

    /** Whether the provider can charge exactly this amount (ISO minor units) in this currency. */
    public boolean supports(String currency, long minor) {
        return refusal(currency, minor) == null;
    }

    /** Why the provider cannot charge exactly this amount, or {@code null} when it can. */
    public String refusal(String currency, long minor) {
        if (!Currencies.isSupported(currency)) {
            return "unsupported currency " + currency;
        }
        BigDecimal major = Currencies.toMajor(minor, currency);
        int chargeable = chargeableDecimals(currency);
        if (major.stripTrailingZeros().scale() > chargeable) {
            String is = ", and " + minor + " is " + major.toPlainString() + " " + currency;
            return chargeable == 0 ? "only whole " + currency + is
                    : "at most " + chargeable + " decimals of " + currency + is;
        }
        return null;
    }

    /**
     * The amount as the provider writes it: {@code "1000"} for 10.00 USD at Stripe, {@code "10.00"}
     * at PayPal, {@code "1000"} for 1000.00 HUF at PayPal.
     *
     * @throws NotRepresentable when the provider cannot charge it exactly (see {@link #refusal})
     */
    public String toProvider(String currency, long minor) {
        BigDecimal wire = wire(currency, minor);
        return wire.toPlainString();
    }

    /**
     * The amount as an integer of the provider's minor units (for {@link Notation#MINOR_INTEGER}).
     *
     * @throws NotRepresentable when the provider cannot charge it exactly
     */
    public long toProviderInteger(String currency, long minor) {
        if (notation != Notation.MINOR_INTEGER) {
            throw new IllegalStateException("this provider writes decimal major units");
        }
        return wire(currency, minor).longValueExact();
    }

    private BigDecimal wire(String currency, long minor) {
        String why = refusal(currency, minor);
        if (why != null) {
            throw new NotRepresentable(why);
        }
        BigDecimal major = Currencies.toMajor(minor, currency).setScale(exponent(currency));
        return notation == Notation.MINOR_INTEGER ? major.movePointRight(exponent(currency)) : major;
    }

    /**
     * Payrail's amount (ISO minor units) for an amount the provider wrote: an integer for
     * {@link Notation#MINOR_INTEGER}, a decimal string for {@link Notation#MAJOR_DECIMAL}.
     *
     * @throws NotRepresentable when the text is not a number, or finer than ISO 4217 allows
     */
    public long fromProvider(String currency, String wire) {
        if (!Currencies.isSupported(currency) || wire == null) {
            throw new NotRepresentable("unsupported currency or no amount");
        }
        try {
            BigDecimal value = new BigDecimal(wire.trim());
            BigDecimal major = notation == Notation.MINOR_INTEGER ? value.movePointLeft(exponent(currency)) : value;
            return Currencies.toMinor(major, currency);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new NotRepresentable("not an exact " + currency + " amount: " + wire);
        }
    }

    /** Payrail's amount for an integer the provider wrote (for {@link Notation#MINOR_INTEGER}). */
    public long fromProvider(String currency, long wire) {
        return fromProvider(currency, Long.toString(wire));
    }
}
