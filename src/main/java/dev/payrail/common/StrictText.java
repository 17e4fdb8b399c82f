package dev.payrail.common;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Every JSON string and map key the gateway reads goes through {@link TextGuard}: a NUL, a lone
 * surrogate or (outside {@link CardNumberField}s) a card number fails deserialization with an
 * {@link InvalidText} that {@link ProblemMappers} answers as {@code 400} naming the field. One
 * place for every request body, list element and metadata value, instead of a check per field.
 */
public final class StrictText {

    /**
     * Reader attribute for data the gateway stored itself (sealed credentials): checked when it
     * arrived, so a rule that changes later never makes it unreadable. Only the card-number check is
     * skipped.
     */
    public static final String STORED_DATA = "payrail.stored-data";

    private StrictText() {
    }

    private static TextGuard.Flaw flaw(String value, boolean cardNumberAllowed, DeserializationContext ctxt) {
        boolean stored = ctxt != null && ctxt.getAttribute(STORED_DATA) != null;
        return cardNumberAllowed || stored ? TextGuard.encodingFlaw(value) : TextGuard.flaw(value);
    }

    /** The Jackson module installing the checks for {@code String} values and keys. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("payrail-strict-text");
        module.addDeserializer(String.class, new Checked(false));
        module.addKeyDeserializer(String.class, new Keys());
        return module;
    }

    /** A refused text; Jackson adds the path of the field as it unwinds. */
    public static final class InvalidText extends MismatchedInputException {

        private final TextGuard.Flaw flaw;
        private final boolean key;

        InvalidText(JsonParser parser, TextGuard.Flaw flaw, boolean key) {
            super(parser, flaw.message(), String.class);
            this.flaw = flaw;
            this.key = key;
        }

        public TextGuard.Flaw flaw() {
            return flaw;
        }

        /** Whether a map key (rather than a value) was refused; the path then names the map. */
        public boolean key() {
            return key;
        }
    }

    /** {@code String} values; contextual so a {@link CardNumberField} may hold a card number. */
    static final class Checked extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean cardNumberAllowed;

        Checked(boolean cardNumberAllowed) {
            super(String.class);
            this.cardNumberAllowed = cardNumberAllowed;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean allowed = property != null && property.getAnnotation(CardNumberField.class) != null;
            return allowed == cardNumberAllowed ? this : new Checked(allowed);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            TextGuard.Flaw flaw = flaw(value, cardNumberAllowed, ctxt);
            if (flaw != null) {
                throw new InvalidText(p, flaw, false);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public boolean isCachable() {
            return true;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }
    }

    /** Map keys ({@code metadata}, {@code notes}, credentials). */
    static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            TextGuard.Flaw flaw = flaw(key, false, ctxt);
            if (flaw != null) {
                throw new InvalidText(ctxt.getParser(), flaw, true);
            }
            return key;
        }
    }
}
