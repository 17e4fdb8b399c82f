package dev.payrail.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.common.ApiException;
import dev.payrail.common.Json;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderHealth;
import dev.payrail.connector.razorpay.RazorpayCheckout;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A merchant's providers: credentials (write-only, encrypted at rest), enabled flag and priority,
 * and live health. No response ever carries a credential.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/providers")
@Tag(name = "Providers")
public class ProviderResource {


    private final ProviderAccountStore store;
    private final ProviderAccounts accounts;
    private final CredentialCipher cipher;
    private final ConnectorRegistry connectors;
    private final ProviderHealth health;
    private final CurrentMerchant merchant;
    private final Json json;
    private final RoutingConfig routing;
    private final RazorpayCheckout razorpayCheckout;
    private final ProviderCredentials credentials;

    ProviderResource(ProviderAccountStore store, ProviderAccounts accounts, CredentialCipher cipher,
            ConnectorRegistry connectors, ProviderHealth health, CurrentMerchant merchant, Json json,
            RoutingConfig routing, RazorpayCheckout razorpayCheckout, ProviderCredentials credentials) {
        this.credentials = credentials;
        this.routing = routing;
        this.razorpayCheckout = razorpayCheckout;
        this.store = store;
        this.accounts = accounts;
        this.cipher = cipher;
        this.connectors = connectors;
        this.health = health;
        this.merchant = merchant;
        this.json = json;
    }

    /** Enabled flag and priority of one provider. */
    public record Settings(Boolean enabled, Integer priority) {
    }

    /** The merchant-wide routing setting. */
    public record RoutingSettings(Boolean reorderBySuccessRate) {
    }

    @Operation(summary = "List providers", description = "Every provider with what routing does with it for this merchant: enabled (a payment can go to it), default_route (tried when a payment names no provider), priority, whether credentials are stored, and live health.")
    @APIResponse(responseCode = "200", description = "The providers.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.Listing.class)))
    @GET
    public Uni<ProviderView.Listing> list() {
        String merchantId = merchant.id();
        return store.load(merchantId).map(r -> {
            List<ProviderView> views = new ArrayList<>();
            for (PaymentConnector c : connectors.all()) {
                ProviderAccount a = r.accounts().stream().filter(x -> x.provider().equals(c.name())).findFirst().orElse(null);
                views.add(view(c, a, r.accounts().isEmpty()));
            }
            return new ProviderView.Listing("list", views, r.bySuccessRate());
        });
    }

    @Operation(summary = "Set the routing mode", description = "reorder_by_success_rate: try enabled providers by recent success rate instead of priority.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RoutingSettings.class), examples = @ExampleObject(name = "example", value = "{\"reorder_by_success_rate\":true}")))
    @APIResponse(responseCode = "200", description = "The providers.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.Listing.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @PATCH
    public Uni<ProviderView.Listing> setRouting(RoutingSettings settings) {
        if (settings == null || settings.reorderBySuccessRate() == null) {
            throw ApiException.badRequest("reorder_by_success_rate (true or false) is required.", "reorder_by_success_rate");
        }
        String merchantId = merchant.id();
        return store.setRoutingBySuccessRate(merchantId, settings.reorderBySuccessRate())
                .invoke(() -> accounts.invalidate(merchantId))
                .chain(this::list);
    }

    /**
     * Razorpay Checkout's signature helper: whether {@code razorpay_signature} is Razorpay's
     * signature of {@code razorpay_order_id|razorpay_payment_id} under the merchant's key secret.
     */
    @Operation(summary = "Verify a Razorpay Checkout signature", description = "Whether razorpay_signature is Razorpay's signature of razorpay_order_id|razorpay_payment_id under the merchant's key secret.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RazorpayCheckout.Request.class), examples = @ExampleObject(name = "example", value = "{\"razorpay_order_id\":\"order_P1a2b3\",\"razorpay_payment_id\":\"pay_P9z8y7\",\"razorpay_signature\":\"3f1c...\"}")))
    @APIResponse(responseCode = "200", description = "Whether the signature is valid.",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "SignatureCheck"), examples = @ExampleObject(name = "example", value = "{\"valid\":true}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @POST
    @Path("/razorpay/verify-checkout-signature")
    public Uni<Map<String, Object>> verifyRazorpayCheckout(RazorpayCheckout.Request request) {
        return razorpayCheckout.verify(merchant.id(), request);
    }

    @Operation(summary = "Store a provider's credentials", description = "Write-only: encrypted at rest, never returned. The fields depend on the provider (stripe: secret_key, webhook_secret; razorpay: key_id, key_secret, webhook_secret; airwallex: client_id, api_key, webhook_secret; pagadito: uid, wsk).")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT),
            examples = @ExampleObject(name = "stripe", value = "{\"secret_key\":\"sk_test_...\",\"webhook_secret\":\"whsec_...\"}")))
    @APIResponse(responseCode = "200", description = "The provider, with has_credentials true.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @PUT
    @Path("/{provider}/credentials")
    public Uni<ProviderView> putCredentials(@PathParam("provider") String provider, ObjectNode body) {
        // Read as a tree, not through the card-number guard of every other body: a provider's account id
        // may be a Luhn-valid run of digits (Alipay's 16-digit app_id and 2088… partner id).
        return credentials.save(merchant.id(), provider, ProviderCredentials.fields(body))
                .map(saved -> view(saved.connector(), saved.account(), false));
    }

    @Operation(summary = "Enable, disable or prioritise a provider", description = "enabled false takes the provider out of routing for this merchant; priority (0 to 10000, lower first) orders the providers tried for payments that name none.")
    @RequestBody(required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Settings.class), examples = @ExampleObject(name = "example", value = "{\"enabled\":true,\"priority\":1}")))
    @APIResponse(responseCode = "200", description = "The provider.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProviderView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @PATCH
    @Path("/{provider}")
    public Uni<ProviderView> configure(@PathParam("provider") String provider, Settings settings) {
        PaymentConnector c = requireConnector(provider);
        if (settings == null || settings.enabled() == null && settings.priority() == null) {
            throw ApiException.badRequest("Give enabled and/or priority.", "enabled");
        }
        if (settings.priority() != null && (settings.priority() < 0 || settings.priority() > 10_000)) {
            throw ApiException.badRequest("priority is between 0 and 10000 (lower is tried first).", "priority");
        }
        String merchantId = merchant.id();
        return store.configure(merchantId, c.name(), settings.enabled(), settings.priority(), now())
                .invoke(() -> accounts.invalidate(merchantId))
                .map(a -> view(c, a, false));
    }

    private PaymentConnector requireConnector(String provider) {
        return credentials.requireConnector(provider);
    }

    /**
     * What the routing really does with this provider for the merchant: {@code enabled} when a
     * payment can go to it (the merchant did not disable it, and it has an account to call with:
     * the merchant's credentials or the platform's), {@code default_route} when it is also tried for
     * payments that name no provider (an enabled account, or the configured default order for a
     * merchant without accounts).
     */
    private ProviderView view(PaymentConnector c, ProviderAccount a, boolean usingDefaults) {
        List<String> methods = c.methods().stream().map(m -> m.jsonName()).sorted().toList();
        List<String> operations = c.operations().stream().sorted().map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).toList();
        var h = ProviderView.Health.of(health.snapshot(c.name()));
        boolean callable = a != null && a.hasCredentials() || c.hasPlatformAccount();
        if (a == null) {
            boolean defaultRoute = callable && usingDefaults && routing.defaultOrder().orElse(List.of()).contains(c.name());
            return new ProviderView("provider", c.name(), methods, operations, false, callable, defaultRoute, null, false,
                    h, null);
        }
        boolean enabled = a.enabled() && callable;
        return new ProviderView("provider", c.name(), methods, operations, true, enabled, enabled, a.priority(),
                a.hasCredentials(), h, a.updatedAt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
