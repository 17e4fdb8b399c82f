package dev.payrail.health;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
