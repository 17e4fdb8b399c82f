package dev.payrail.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Meter;

/**
 * Meters of one name, registered once per distinct {@code K} (their tag values) and then taken from a map:
 * a hot path records without building, sorting and hashing a {@code Meter.Id} on every call, which is what
 * {@code registry.counter(name, tags...)} and {@code Timer.builder(...).register(...)} do each time.
 *
 * @param <K> what identifies one meter's tags: a string, an enum or a record of them
 */
public final class MeterCache<K, M extends Meter> {

    private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
    private final Function<K, M> register;

    /** @param register registers the meter of a key, called once per distinct key */
    public MeterCache(Function<K, M> register) {
        this.register = register;
    }

    public M get(K key) {
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, register);
    }
}
