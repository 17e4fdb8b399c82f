package dev.payrail.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B test vectors, and what the dashboard builds on them (window, replay, URI, base32). */
class TotpTest {

    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}")
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826" })
    void rfc6238TestVectors(long time, String sha1, String sha256, String sha512) {
        long step = Totp.step(time);
        assertEquals(sha1, Totp.code(SHA1_SEED, step, 8, "HmacSHA1"));
        assertEquals(sha256, Totp.code(SHA256_SEED, step, 8, "HmacSHA256"));
        assertEquals(sha512, Totp.code(SHA512_SEED, step, 8, "HmacSHA512"));
    }

    @Test
    void sixDigitCodeIsTheLastSixOfTheRfcValue() {
        String secret = Base32.encode(SHA1_SEED);
        // RFC 6238 at T=59 (SHA-1) is 94287082: the 6-digit code is 287082
        assertEquals(59, Totp.match(secret, "287082", 59, null) >= 0 ? 59 : -1);
        assertEquals(1, Totp.match(secret, "287082", 59, null));
    }

    @Test
    void acceptsOneStepOfDriftEitherSideAndNoMore() {
        String secret = Base32.encode(SHA1_SEED);
        String atStep1 = Totp.code(SHA1_SEED, 1, 6, "HmacSHA1");
        assertEquals(1, Totp.match(secret, atStep1, 30, null), "one step earlier clock");
        assertEquals(1, Totp.match(secret, atStep1, 89, null), "one step later clock");
        assertEquals(-1, Totp.match(secret, atStep1, 90, null), "two steps later");
    }

    @Test
    void aUsedStepIsNotAcceptedAgain() {
        String secret = Base32.encode(SHA1_SEED);
        String code = Totp.code(SHA1_SEED, 100, 6, "HmacSHA1");
        assertEquals(100, Totp.match(secret, code, 3000, 99L));
        assertEquals(-1, Totp.match(secret, code, 3000, 100L));
    }

    @Test
    void refusesMalformedCodes() {
        String secret = Totp.newSecret();
        assertEquals(-1, Totp.match(secret, "12345", 0, null));
        assertEquals(-1, Totp.match(secret, "abcdef", 0, null));
        assertEquals(-1, Totp.match(secret, null, 0, null));
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertEquals("MZXW6YTBOI", Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("foobar", new String(Base32.decode("MZXW6YTBOI======"), StandardCharsets.US_ASCII));
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertEquals(20, Base32.decode(secret).length);
    }

    @Test
    void otpauthUriCarriesIssuerAccountAndParameters() {
        String uri = Totp.uri("Payrail Acme Ltd", "ana@acme.example", "JBSWY3DPEHPK3PXP");
        assertEquals("otpauth://totp/Payrail%20Acme%20Ltd:ana%40acme.example?secret=JBSWY3DPEHPK3PXP"
                + "&issuer=Payrail%20Acme%20Ltd&algorithm=SHA1&digits=6&period=30", uri);
        assertTrue(uri.startsWith("otpauth://totp/"));
    }
}
