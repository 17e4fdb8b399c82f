package dev.payrail.billing;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A price as the API shows it; {@code recurring} says how often it is billed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceView(String id, String object, String product, long unitAmount, String currency, Recurring recurring,
        String nickname, boolean active, Map<String, Object> metadata, Instant createdAt, Instant updatedAt) {

    public record Recurring(String interval, int intervalCount) {
    }

    public static PriceView of(Price p) {
        return new PriceView(p.id(), "price", p.productId(), p.unitAmount(), p.currency(),
                new Recurring(p.interval().publicName(), p.intervalCount()), p.nickname(), p.active(), p.metadata(),
                p.createdAt(), p.updatedAt());
    }
}
