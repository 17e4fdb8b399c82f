package dev.payrail.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One key and its value, for the free-form maps of the REST API (metadata, notes). */
@Type("Entry")
@Description("A key and its value (metadata, custom parameters, notes); numbers and booleans as text.")
public class Entry {

    private final String key;
    private final String value;

    Entry(String key, String value) {
        this.key = key;
        this.value = value;
    }

    public @NonNull String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    static List<Entry> of(Map<String, Object> map, java.util.Set<String> skip) {
        if (map == null) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        map.forEach((k, v) -> {
            if (!skip.contains(k)) {
                out.add(new Entry(k, v == null ? null : v.toString()));
            }
        });
        return out;
    }
}
