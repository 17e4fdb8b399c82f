package dev.payrail.dashboard;

import java.security.SecureRandom;

import jakarta.inject.Singleton;

import dev.payrail.dashboard.security.PasswordHasher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Argon2id hashing and checking on the worker pool: never on the event loop. */
@Singleton
public class Passwords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PasswordHasher hasher;
    /** Checked when the email is unknown, so that the answer takes as long as for a known one. */
    private final String dummy;

    Passwords(DashboardConfig config) {
        this.hasher = new PasswordHasher(config.argon2MemoryKib(), config.argon2Iterations(), 1);
        this.dummy = hasher.hash(newPassword());
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> hasher.hash(password)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether {@code password} matches {@code stored}; with {@code stored == null}, checks a dummy and answers false. */
    public Uni<Boolean> verify(String password, String stored) {
        return Uni.createFrom().item(() -> stored == null ? PasswordHasher.verify(password, dummy) && false
                : PasswordHasher.verify(password, stored)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The shortest password a user may choose (NIST SP 800-63B asks at least 8; we ask 12). */
    public static final int MIN_LENGTH = 12;
    /** The longest: what the login form accepts. */
    public static final int MAX_LENGTH = 1024;

    /**
     * Why {@code password} cannot be the user's (with {@code email}) new password, or {@code null} when it
     * can: 12 to 1024 characters, not the email address, not one character repeated.
     */
    public static String problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "Choose a password of at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "Choose a password of at most " + MAX_LENGTH + " characters.";
        }
        if (email != null && password.strip().equalsIgnoreCase(email.strip())) {
            return "Your password cannot be your email address.";
        }
        if (password.chars().distinct().count() == 1) {
            return "Choose a password that is not one character repeated.";
        }
        return null;
    }

    /** Blocking hash, for start-up code only. */
    String hashNow(String password) {
        return hasher.hash(password);
    }

    /** An initial password shown once to an inviting admin: 20 characters, about 116 bits. */
    public static String newPassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
