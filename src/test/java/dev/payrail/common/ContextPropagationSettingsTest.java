package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeContextManagerProvider;
import io.smallrye.context.impl.ThreadContextProviderPlan;

/**
 * The thread contexts every Mutiny step captures and restores: CDI's, which Payrail's request-scoped beans
 * need after an asynchronous step, and not the JTA transaction's or the GraphQL execution's, which Payrail
 * never reads after a step (application.properties, {@code mp.context.ThreadContext.unchanged}).
 */
@QuarkusTest
class ContextPropagationSettingsTest {

    private static Set<String> types(Set<ThreadContextProvider> providers) {
        return providers.stream().map(ThreadContextProvider::getThreadContextType).collect(Collectors.toSet());
    }

    @Test
    void mutinyStepsPropagateTheCdiContextAndLeaveTransactionAndGraphQlContextsAlone() {
        ThreadContextProviderPlan plan = SmallRyeContextManagerProvider.getManager().defaultThreadContext().getPlan();
        assertTrue(types(plan.propagatedProviders).contains(ThreadContext.CDI), "CDI is propagated: "
                + types(plan.propagatedProviders));
        assertEquals(Set.of(ThreadContext.TRANSACTION, "MICROPROFILE_GRAPHQL_CONTEXT"), types(plan.unchangedProviders),
                "left as they are");
        assertTrue(types(plan.propagatedProviders).stream().noneMatch(types(plan.unchangedProviders)::contains));
    }
}
