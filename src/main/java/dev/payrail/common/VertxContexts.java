package dev.payrail.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Going on where a piece of work started: on the Vert.x context it was on, not on the thread an answer came in on. */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs {@code step} now when already on {@code context} (or when there is none), else as a task of it. */
    public static void resume(Context context, Runnable step) {
        if (context == null || Vertx.currentContext() == context) {
            step.run();
        } else {
            context.runOnContext(ignored -> step.run());
        }
    }
}
