package dev.payrail.checkout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.payrail.idempotency.IdempotencyContext;
import dev.payrail.idempotency.Idempotent;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.merchant.PublishableKeys;
import dev.payrail.ratelimit.ClientIp;
import dev.payrail.ratelimit.PublicRateLimited;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * The public checkout endpoints the hosted page (and so checkout.js) calls from the customer's
 * browser. Authenticated with the merchant's publishable key ({@code X-Publishable-Key}), scoped to
 * that merchant and the order in the path, rate limited per client IP, per order and per card.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/v1/checkout/orders/{order_id}")
@Tag(name = "Checkout (public)")
@PublicRateLimited
public class CheckoutApiResource {

    private final CheckoutService checkout;
    private final CurrentMerchant merchant;
    private final IdempotencyContext idempotency;
    private final CurrentVertxRequest request;
    private final PublishableKeys keys;

    CheckoutApiResource(CheckoutService checkout, CurrentMerchant merchant, IdempotencyContext idempotency,
            CurrentVertxRequest request, PublishableKeys keys) {
        this.keys = keys;
        this.checkout = checkout;
        this.merchant = merchant;
        this.idempotency = idempotency;
        this.request = request;
    }

    @Operation(summary = "An order as its checkout shows it",
            description = "Public, with the merchant's publishable key in X-Publishable-Key: the merchant's display name "
                    + "and logo, the amount (formatted for Accept-Language), the methods the merchant takes for the "
                    + "currency, test mode, and the order's latest payment so that a reloaded page resumes.")
    @APIResponse(responseCode = "200", description = "The order.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckoutOrderView.class),
                    examples = @ExampleObject(name = "example", value = "{\"id\":\"order_7Hs2kLq0PzX4cV\",\"object\":\"checkout_order\",\"merchant_name\":\"Acme\",\"amount\":1999,\"currency\":\"USD\",\"currency_exponent\":2,\"amount_formatted\":\"$19.99\",\"status\":\"created\",\"methods\":[\"card\"],\"test_mode\":true}")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    public Uni<CheckoutOrderView> order(@PathParam("order_id") String orderId,
            @Parameter(description = "The merchant's publishable key (pk_test_… or pk_live_…).", required = true)
            @HeaderParam("X-Publishable-Key") String key,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        return keys.resolve(key).chain(m -> checkout.order(m.id(), m.name(), m.logoUrl(), m.testMode(), orderId,
                CheckoutLocale.choose(null, acceptLanguage).bundle()));
    }

    @Operation(summary = "Pay an order from the checkout",
            description = "Public, with the merchant's publishable key in X-Publishable-Key and an Idempotency-Key. "
                    + "The payment goes through the same validation, routing and idempotency as POST /api/v1/payments; "
                    + "submissions are also limited per client IP, per order and per card fingerprint. 201 with the "
                    + "payment (outcome succeeded, requires_action with next_action, or processing); 402 problem with "
                    + "payment_id and recoverable when declined.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CheckoutPaymentRequest.class),
            examples = @ExampleObject(name = "upi", value = "{\"method\":\"upi\",\"upi\":{\"vpa\":\"success@payrail\"}}")))
    @APIResponse(responseCode = "201", description = "The payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckoutPaymentView.class),
                    examples = @ExampleObject(name = "example", value = "{\"id\":\"pay_3kq9XwV2mT8bZr\",\"object\":\"checkout_payment\",\"order_id\":\"order_7Hs2kLq0PzX4cV\",\"status\":\"captured\",\"outcome\":\"succeeded\",\"method\":\"upi\",\"signature\":\"9f2c…\"}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "402", ref = "PaymentDeclined")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    @POST
    @Path("/payments")
    @Idempotent
    public Uni<Response> pay(@PathParam("order_id") String orderId, CheckoutPaymentRequest body) {
        return checkout.submit(merchant.id(), orderId, body, idempotency.key(), idempotency.fingerprint(),
                ClientIp.of(request.getCurrent().request()));
    }

    @Operation(summary = "A payment of the order, as the checkout polls it",
            description = "Public, with the merchant's publishable key. The outcome (succeeded, failed, requires_action, "
                    + "processing), the next action while one is needed, and on success the signature of "
                    + "order_id|payment_id that the merchant's server verifies.")
    @APIResponse(responseCode = "200", description = "The payment.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckoutPaymentView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @GET
    @Path("/payments/{payment_id}")
    public Uni<CheckoutPaymentView> payment(@PathParam("order_id") String orderId,
            @PathParam("payment_id") String paymentId) {
        return checkout.payment(merchant.id(), orderId, paymentId);
    }
}
