package dev.payrail.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Loads and initialises, on the start-up thread, the classes whose first use would otherwise stall
 * an event-loop thread for seconds (Hibernate's HQL parser builds its ANTLR tables on first use).
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);
    private static final String[] CLASSES = {
            "org.hibernate.grammars.hql.HqlLexer",
            "org.hibernate.grammars.hql.HqlParser",
    };

    void warm(@Observes StartupEvent event) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debugf("warm-up skipped %s: %s", name, e);
            }
        }
    }
}
