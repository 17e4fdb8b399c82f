package dev.payrail.merchant;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged application (jar, or native binary with {@code -Dnative}). */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
