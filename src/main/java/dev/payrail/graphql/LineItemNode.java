package dev.payrail.graphql;

import java.util.Map;

import org.eclipse.microprofile.graphql.Type;

/** One line of what a payment is for. */
@Type("LineItem")
public class LineItemNode {

    private final Map<String, Object> item;

    LineItemNode(Map<String, Object> item) {
        this.item = item;
    }

    public Integer getQuantity() {
        return item.get("quantity") instanceof Number n ? n.intValue() : null;
    }

    public String getDescription() {
        return item.get("description") == null ? null : item.get("description").toString();
    }

    public Long getPrice() {
        return item.get("price") instanceof Number n ? n.longValue() : null;
    }

    public String getProductUrl() {
        return item.get("product_url") == null ? null : item.get("product_url").toString();
    }
}
