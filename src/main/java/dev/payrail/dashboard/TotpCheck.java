package dev.payrail.dashboard;

import jakarta.inject.Singleton;

import dev.payrail.dashboard.security.Totp;
import dev.payrail.webhook.SecretCipher;
import io.smallrye.mutiny.Uni;

/**
 * Checks a user's TOTP code against its enrolled (or pending) secret, sealed at rest with the same cipher
 * as webhook secrets; a used step is recorded so a code works once. A wrong code counts as a failed login.
 */
@Singleton
public class TotpCheck {

    private final UserStore users;
    private final SecretCipher cipher;
    private final DashboardConfig config;

    TotpCheck(UserStore users, SecretCipher cipher, DashboardConfig config) {
        this.users = users;
        this.cipher = cipher;
        this.config = config;
    }

    /** Whether {@code code} is the current code of the user's enrolled secret (and not used before). */
    public Uni<Boolean> verify(DashboardUser user, String code) {
        if (user.totpSecret() == null) {
            return Uni.createFrom().item(false);
        }
        long step = Totp.match(cipher.open(user.totpSecret()), code, System.currentTimeMillis() / 1000, user.totpLastStep());
        return counted(user, step < 0 ? Uni.createFrom().item(false) : users.useTotpStep(user.id(), step));
    }

    /** Enables the pending secret when {@code code} matches it; whether it did. */
    public Uni<Boolean> confirm(DashboardUser user, String code) {
        if (user.totpPending() == null) {
            return Uni.createFrom().item(false);
        }
        long step = Totp.match(cipher.open(user.totpPending()), code, System.currentTimeMillis() / 1000, null);
        return step < 0 ? Uni.createFrom().item(false) : users.enableTotp(user.id(), step).replaceWith(true);
    }

    /** A new secret, stored sealed as the user's pending one; the plain base32 secret (to show once). */
    public Uni<String> start(DashboardUser user) {
        String secret = Totp.newSecret();
        return users.setTotpPending(user.id(), cipher.seal(secret)).replaceWith(secret);
    }

    private Uni<Boolean> counted(DashboardUser user, Uni<Boolean> ok) {
        return ok.call(good -> good ? users.succeeded(user.id())
                : users.failed(user.id(), config.maxFailedLogins(), config.lockout()));
    }
}
