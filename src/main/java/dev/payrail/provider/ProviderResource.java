package dev.payrail.provider;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import dev.payrail.common.ApiException;
import dev.payrail.common.Json;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.ProviderHealth;
import dev.payrail.connector.razorpay.RazorpayCheckout;
import dev.payrail.merchant.CurrentMerchant;
import io.smallrye.mutiny.Uni;

/**
 * A merchant's providers: credentials (write-only, encrypted at rest), enabled flag and priority,
 * and live health. No response ever carries a credential.
 */
@Path("/api/v1/providers")
@Tag(name = "Providers")
public class ProviderResource {

    private static final Logger LOG = Logger.getLogger(ProviderResource.class);
    private static final int MAX_VALUE_LENGTH = 4096;

    private final ProviderAccountStore store;
    private final ProviderAccounts accounts;
    private final CredentialCipher cipher;
    private final ConnectorRegistry connectors;
    private final ProviderHealth health;
    private final CurrentMerchant merchant;
    private final Json json;
    private final RoutingConfig routing;
    private final RazorpayCheckout razorpayCheckout;

    ProviderResource(ProviderAccountStore store, ProviderAccounts accounts, CredentialCipher cipher,
            ConnectorRegistry connectors, ProviderHealth health, CurrentMerchant merchant, Json json,
            RoutingConfig routing, RazorpayCheckout razorpayCheckout) {
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
    @POST
    @Path("/razorpay/verify-checkout-signature")
    public Uni<Map<String, Object>> verifyRazorpayCheckout(RazorpayCheckout.Request request) {
        return razorpayCheckout.verify(merchant.id(), request);
    }

    @PUT
    @Path("/{provider}/credentials")
    public Uni<ProviderView> putCredentials(@PathParam("provider") String provider, Map<String, Object> body) {
        PaymentConnector c = requireConnector(provider);
        Map<String, String> credentials = validate(c, body);
        String merchantId = merchant.id();
        String plain = json.write(new TreeMap<>(credentials));
        CredentialCipher.Sealed sealed = cipher.encrypt(merchantId, c.name(), plain);
        LOG.infof("merchant %s stored %s credentials (fields %s, key %s)", merchantId, c.name(),
                new TreeMap<>(credentials).keySet(), sealed.keyId());
        return store.saveCredentials(merchantId, c.name(), sealed, now())
                .invoke(() -> accounts.invalidate(merchantId))
                .map(a -> view(c, a, false));
    }

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
        PaymentConnector c = provider == null ? null : connectors.get(provider);
        if (c == null) {
            throw ApiException.notFound("provider");
        }
        return c;
    }

    private static Map<String, String> validate(PaymentConnector c, Map<String, Object> body) {
        if (c.requiredCredentials().isEmpty() && c.optionalCredentials().isEmpty()) {
            throw ApiException.badRequest("Provider " + c.name() + " takes no credentials.", null);
        }
        if (body == null || body.isEmpty()) {
            throw ApiException.badRequest("A JSON object of " + c.name() + " credentials is required.", null);
        }
        Set<String> allowed = new HashSet<>(c.requiredCredentials());
        allowed.addAll(c.optionalCredentials());
        Map<String, String> out = new TreeMap<>();
        for (var e : body.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw ApiException.badRequest("Unknown " + c.name() + " credential: " + e.getKey() + " (allowed: "
                        + new java.util.TreeSet<>(allowed) + ").", e.getKey());
            }
            if (!(e.getValue() instanceof String s) || s.isBlank() || s.length() > MAX_VALUE_LENGTH) {
                throw ApiException.badRequest(e.getKey() + " must be a non-empty string.", e.getKey());
            }
            out.put(e.getKey(), s);
        }
        for (String required : c.requiredCredentials()) {
            if (!out.containsKey(required)) {
                throw ApiException.badRequest(required + " is required for " + c.name() + ".", required);
            }
        }
        return out;
    }

    private ProviderView view(PaymentConnector c, ProviderAccount a, boolean usingDefaults) {
        List<String> methods = c.methods().stream().map(m -> m.jsonName()).sorted().toList();
        List<String> operations = c.operations().stream().sorted().map(o -> o.name().toLowerCase(java.util.Locale.ROOT)).toList();
        var h = ProviderView.Health.of(health.snapshot(c.name()));
        if (a == null) {
            boolean enabled = usingDefaults && routing.defaultOrder().orElse(List.of()).contains(c.name());
            return new ProviderView("provider", c.name(), methods, operations, false, enabled, null, false, h, null);
        }
        return new ProviderView("provider", c.name(), methods, operations, true, a.enabled(), a.priority(), a.hasCredentials(), h,
                a.updatedAt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
