package dev.payrail.common;

import java.nio.charset.StandardCharsets;

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
     * {@code value} as JSON text. Written as UTF-8 bytes and read back into a string: for ASCII text (nearly every
     * view) that is a copy of the bytes, where a string writer builds UTF-16 characters and then compacts them.
     */
    public String write(Object value) {
        try {
            return new String(mapper.writeValueAsBytes(value), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + value.getClass(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
