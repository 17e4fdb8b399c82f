package dev.payrail.common;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RequestIdTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
class RequestIdIT extends RequestIdTest {
}
