package dev.payrail.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestEnvironment} for every Quarkus test of the module. */
@QuarkusTestResource(TestEnvironment.class)
public final class PayrailTestResources {

    private PayrailTestResources() {
    }
}
