package dev.payrail.provider;

import java.time.Instant;

import io.vertx.mutiny.sqlclient.Row;

/** A merchant's account at a provider, as stored (the credentials still sealed). */
public record ProviderAccount(String merchantId, String provider, boolean enabled, int priority, byte[] ciphertext,
        String keyId, Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "merchant_id, provider, enabled, priority, credentials_ciphertext, credentials_key_id, "
            + "created_at, updated_at";

    static ProviderAccount from(Row r) {
        var bytes = r.getBuffer("credentials_ciphertext");
        return new ProviderAccount(r.getString("merchant_id"), r.getString("provider"), r.getBoolean("enabled"),
                r.getInteger("priority"), bytes == null ? null : bytes.getBytes(), r.getString("credentials_key_id"),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
    }

    public boolean hasCredentials() {
        return ciphertext != null;
    }

    @Override
    public String toString() {
        return "ProviderAccount[" + merchantId + "/" + provider + ", enabled=" + enabled + ", priority=" + priority + "]";
    }
}
