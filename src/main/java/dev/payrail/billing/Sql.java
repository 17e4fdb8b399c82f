package dev.payrail.billing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** Conversions between the billing records and their rows. */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static Map<String, Object> map(Row r, String column) {
        JsonObject o = r.getJsonObject(column);
        return o == null ? null : o.getMap();
    }

    static JsonObject json(Map<String, Object> metadata) {
        return metadata == null ? null : new JsonObject(metadata);
    }
}
