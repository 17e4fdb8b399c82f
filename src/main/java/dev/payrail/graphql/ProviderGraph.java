package dev.payrail.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import dev.payrail.common.ApiException;
import dev.payrail.provider.ProviderCredentials;
import io.smallrye.mutiny.Uni;

/**
 * Provider keys over GraphQL: stored by {@link ProviderCredentials}, as REST's
 * {@code PUT /api/v1/providers/{provider}/credentials} stores them (checked against the connector's
 * fields, encrypted with AES-GCM). The answer names the stored fields, never a value.
 */
@GraphQLApi
public class ProviderGraph {

    private final Resolvers resolvers;
    private final ProviderCredentials credentials;

    ProviderGraph(Resolvers resolvers, ProviderCredentials credentials) {
        this.resolvers = resolvers;
        this.credentials = credentials;
    }

    @Mutation("saveOrUpdateProviderKeys")
    @Description("Stores (or replaces) the merchant's credentials for a provider, encrypted; returns no secret.")
    public Uni<@NonNull ProviderKeys> saveOrUpdateProviderKeys(@NonNull @Name("provider") String provider,
            @NonNull @Name("credentials") List<@NonNull EntryInput> credentialEntries,
            @Name("tenantId") @Description("If given, must be the authenticated merchant's id.") String tenantId) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (EntryInput e : credentialEntries) {
            if (body.put(e.key, e.value) != null) {
                return Uni.createFrom().failure(GraphQLErrors.of(
                        ApiException.badRequest("Duplicate credential " + e.key + ".", e.key), "credentials", null));
            }
        }
        // The fingerprint covers the credentials only as a keyed HMAC; they are never stored in the clear.
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("provider", provider);
        args.put("credentials", body);
        return resolvers.mutate("saveOrUpdateProviderKeys", tenantId, "credentials", args, ProviderKeys.View.class,
                (merchant, keyed) -> credentials.save(merchant.id(), provider, body)
                        .map(saved -> new ProviderKeys.View(saved.connector().name(), saved.fields(),
                                saved.account().enabled(), saved.account().updatedAt())))
                .map(ProviderKeys::new);
    }
}
