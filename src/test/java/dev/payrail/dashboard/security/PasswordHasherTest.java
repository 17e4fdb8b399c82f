package dev.payrail.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

    @Test
    void hashIsArgon2idPhcStringThatVerifies() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(PasswordHasher.verify("correct horse battery staple", hash));
        assertFalse(PasswordHasher.verify("correct horse battery stapler", hash));
    }

    @Test
    void sameInputTwiceGivesDifferentHashes() {
        assertNotEquals(hasher.hash("secret"), hasher.hash("secret"), "a random salt each time");
    }

    @Test
    void malformedOrOutrageousHashesAreRefusedNotThrown() {
        assertFalse(PasswordHasher.verify("x", "plain"));
        assertFalse(PasswordHasher.verify("x", null));
        assertFalse(PasswordHasher.verify("x", "$argon2id$v=19$m=9999999,t=2,p=1$c2FsdHNhbHRzYWx0$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "memory cost above 1 GiB");
        assertFalse(PasswordHasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "Argon2i is not Argon2id");
    }

    @Test
    void verifiesAHashMadeWithOtherParameters() {
        String cheap = new PasswordHasher(64, 1, 1).hash("pw");
        assertTrue(PasswordHasher.verify("pw", cheap), "the parameters are read from the stored string");
    }

    /** The reference implementation's own Argon2id v1.3 test (phc-winner-argon2 src/test.c: t=2, m=2^16, p=1). */
    @Test
    void argon2idMatchesTheReferenceImplementationsTestVector() {
        byte[] out = PasswordHasher.derive("password", "somesalt".getBytes(StandardCharsets.US_ASCII), 65536, 2, 1, 32);
        assertArrayEquals(HexFormat.of().parseHex("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"), out);
        assertTrue(PasswordHasher.verify("password",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
    }
}
