package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;

/** A poll that raced the shutdown is logged at DEBUG; every other failure of a poll stays a WARN. */
class ShuttingDownTest {

    @Test
    void theClosedPoolIsRecognisedAlsoAsACause() {
        assertTrue(ShuttingDown.poolClosed(new NoStackTraceThrowable("Pool closed")));
        assertTrue(ShuttingDown.poolClosed(new IllegalStateException("claim failed", new NoStackTraceThrowable("Pool closed"))));
        assertFalse(ShuttingDown.poolClosed(new IllegalStateException("Connection refused")));
        assertFalse(ShuttingDown.poolClosed(new IllegalStateException((String) null)));
    }

    @Test
    void onlyAStoppingPollIsQuiet() {
        assertEquals(Logger.Level.DEBUG, ShuttingDown.level(new NoStackTraceThrowable("Pool closed"), false));
        assertEquals(Logger.Level.DEBUG, ShuttingDown.level(new IllegalStateException("anything"), true));
        assertEquals(Logger.Level.WARN, ShuttingDown.level(new IllegalStateException("deadlock detected"), false));
    }
}
