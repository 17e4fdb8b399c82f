package dev.payrail.common;

import org.jboss.logging.Logger;

/**
 * The failures of a background poll that only mean the process is stopping: the poll raced the
 * shutdown and the database pool refused it. Nothing to act on, so they are logged at DEBUG; any
 * other failure of a poll stays a WARN.
 */
public final class ShuttingDown {

    private ShuttingDown() {
    }

    /** Whether the failure, or one of its causes, is the closed database pool refusing work. */
    public static boolean poolClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if ("Pool closed".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** DEBUG when the poller is paused for the shutdown or the pool was closed under it; WARN otherwise. */
    public static Logger.Level level(Throwable failure, boolean paused) {
        return paused || poolClosed(failure) ? Logger.Level.DEBUG : Logger.Level.WARN;
    }
}
