package dev.payrail.common;

import java.security.SecureRandom;

/** Public identifiers: a type prefix followed by random base62 characters. */
public final class Ids {

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int DEFAULT_LENGTH = 14;
    /**
     * One generator per thread, and no lock shared between threads: the platform default
     * ({@code NativePRNG}) serialises every call of every thread on one global lock and mixes
     * in a SHA1PRNG, which showed in the benchmark's profile (bench/README.md). DRBG is the
     * JDK's NIST SP 800-90A generator, seeded from the operating system.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::newGenerator);

    private Ids() {
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static String newId(String prefix) {
        return prefix + random(DEFAULT_LENGTH);
    }

    /**
     * {@code length} base62 characters from a cryptographically strong generator: random bytes
     * drawn in one call, each mapped to a character by its low six bits, and bytes whose value
     * is 62 or 63 rejected, so every character is equally likely.
     */
    public static String random(int length) {
        SecureRandom random = RANDOM.get();
        char[] chars = new char[length];
        byte[] bytes = new byte[length + length / 8 + 4];
        int used = bytes.length;
        for (int i = 0; i < length;) {
            if (used == bytes.length) {
                random.nextBytes(bytes);
                used = 0;
            }
            int v = bytes[used++] & 0x3F;
            if (v < BASE62.length) {
                chars[i++] = BASE62[v];
            }
        }
        return new String(chars);
    }

    public static boolean isBase62(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
