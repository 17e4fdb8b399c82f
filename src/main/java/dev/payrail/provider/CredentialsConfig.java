package dev.payrail.provider;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Encryption of merchants' provider credentials (AES-256-GCM). Keys are named so they can rotate:
 * new credentials are written under {@link #activeKeyId()}, and every row keeps the id of the key
 * it was written with, so older keys stay listed until no row uses them.
 */
@ConfigMapping(prefix = "payrail.credentials")
public interface CredentialsConfig {

    /** Key id → base64 of a 32-byte AES key. Production takes the active key from PAYRAIL_CREDENTIALS_KEY. */
    Map<String, String> keys();

    /** The key new credentials are encrypted with; must be one of {@link #keys()}. */
    String activeKeyId();

    /** How long a pod keeps a merchant's provider accounts (and decrypted credentials) in memory. */
    @WithDefault("30s")
    Duration cacheTtl();
}
