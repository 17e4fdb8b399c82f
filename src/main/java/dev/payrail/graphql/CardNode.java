package dev.payrail.graphql;

import java.util.Map;

import org.eclipse.microprofile.graphql.Type;

/** The masked card of a payment. */
@Type("Card")
public class CardNode {

    private final Map<String, Object> card;

    CardNode(Map<String, Object> card) {
        this.card = card;
    }

    public String getBrand() {
        return text("brand");
    }

    public String getLast4() {
        return text("last4");
    }

    public Integer getExpiryMonth() {
        return number("exp_month");
    }

    public Integer getExpiryYear() {
        return number("exp_year");
    }

    private String text(String key) {
        Object v = card.get(key);
        return v == null ? null : v.toString();
    }

    private Integer number(String key) {
        Object v = card.get(key);
        return v instanceof Number n ? n.intValue() : null;
    }
}
