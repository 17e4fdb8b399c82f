package dev.payrail.graphql;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What {@code saveOrUpdateProviderKeys} answers: never a secret, only which fields are stored. */
@Type("ProviderKeys")
@Description("A provider account's stored credentials: which fields were saved (encrypted), never their values.")
public class ProviderKeys {

    /** The stored form (the idempotent answer). */
    public record View(String provider, List<String> credentialFields, boolean enabled, Instant updatedAt) {
    }

    private final View view;

    ProviderKeys(View view) {
        this.view = view;
    }

    public @NonNull String getProvider() {
        return view.provider();
    }

    @Description("The names of the credential fields stored, sorted.")
    public @NonNull List<@NonNull String> getCredentialFields() {
        return view.credentialFields();
    }

    @Description("Whether payments can be routed to this provider account.")
    public @NonNull boolean isEnabled() {
        return view.enabled();
    }

    public Instant getUpdatedAt() {
        return view.updatedAt();
    }
}
