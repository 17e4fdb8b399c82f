package dev.payrail.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Provides the {@link Clock} beans inject to read the current time, so that tests can supply a
 * fixed one (a test bean of type {@link Clock} replaces this default).
 */
@Singleton
public class Clocks {

    /** The system clock in UTC. */
    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
