package dev.payrail.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Serialises API views exactly as the REST layer does (snake_case), for event snapshots. */
@Singleton
public class Json {

    private final ObjectMapper mapper;

    Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * {@code value} as JSON text, written as characters. Not as UTF-8 bytes read back into a string, though that
     * allocates less: Jackson's byte writer writes a lone surrogate as a Unicode escape, which PostgreSQL's
     * {@code jsonb} refuses, so an event payload holding one (from a source that {@link TextGuard} does not check)
     * would fail its payment's write; written as characters it is stored as {@code ?}, as in the other columns.
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
