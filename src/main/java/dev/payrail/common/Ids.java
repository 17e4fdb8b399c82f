package dev.payrail.common;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Public identifiers: a type prefix followed by random base62 characters. */
public final class Ids {

    private static final byte[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static final int DEFAULT_LENGTH = 14;
    /** Random bytes a thread draws in one call of its generator (about twenty identifiers' worth). */
    private static final int POOL_BYTES = 256;
    /**
     * One generator per thread, and no lock shared between threads: the platform default
     * ({@code NativePRNG}) serialises every call of every thread on one global lock and mixes
     * in a SHA1PRNG, which showed in the benchmark's profile (bench/README.md). DRBG is the
     * JDK's NIST SP 800-90A generator, seeded from the operating system.
     */
    private static final ThreadLocal<Source> SOURCE = ThreadLocal.withInitial(Source::new);

    /**
     * A thread's generator and the bytes it drew ahead, each used once. DRBG pays a fixed cost per call (the
     * state update after every request, and its allocations) on top of the bytes it makes, so one call for many
     * identifiers costs less than one per identifier; the bytes drawn ahead stay in the thread's memory until
     * used, as the generator's own state does.
     */
    private static final class Source {
        private final SecureRandom random = newGenerator();
        private final byte[] pool = new byte[POOL_BYTES];
        private int next = POOL_BYTES;

        /** The low six bits of the next random byte. */
        int sixBits() {
            if (next == POOL_BYTES) {
                random.nextBytes(pool);
                next = 0;
            }
            return pool[next++] & 0x3F;
        }
    }

    private Ids() {
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** {@code prefix} (ASCII, as every type prefix is) followed by 14 random base62 characters. */
    public static String newId(String prefix) {
        byte[] id = new byte[prefix.length() + DEFAULT_LENGTH];
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("an identifier prefix is ASCII: " + prefix);
            }
            id[i] = (byte) c;
        }
        fill(id, prefix.length());
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code length} base62 characters from a cryptographically strong generator: each random byte is
     * mapped to a character by its low six bits, and bytes whose value is 62 or 63 are rejected, so every
     * character is equally likely.
     */
    public static String random(int length) {
        byte[] chars = new byte[length];
        fill(chars, 0);
        return new String(chars, StandardCharsets.ISO_8859_1);
    }

    /** Random base62 characters into {@code chars} from index {@code from} on. */
    private static void fill(byte[] chars, int from) {
        Source source = SOURCE.get();
        for (int i = from; i < chars.length;) {
            int v = source.sixBits();
            if (v < BASE62.length) {
                chars[i++] = BASE62[v];
            }
        }
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
