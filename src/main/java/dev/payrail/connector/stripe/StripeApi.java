package dev.payrail.connector.stripe;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * Stripe's REST API as far as Payrail uses it: form-encoded requests, JSON answers, raw
 * {@link Response}s so that error objects and {@code Stripe-Should-Retry} can be read.
 */
@RegisterRestClient(configKey = "stripe")
@Path("/v1")
interface StripeApi {

    String AUTH = "Authorization";
    String VERSION = "Stripe-Version";
    String IDEMPOTENCY = "Idempotency-Key";
    String FORM = MediaType.APPLICATION_FORM_URLENCODED + ";charset=UTF-8";

    @POST
    @Path("/payment_intents")
    @Consumes(FORM)
    Uni<Response> createPaymentIntent(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, String form);

    @POST
    @Path("/payment_intents/{id}/capture")
    @Consumes(FORM)
    Uni<Response> capture(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, @PathParam("id") String id, String form);

    @POST
    @Path("/payment_intents/{id}/cancel")
    @Consumes(FORM)
    Uni<Response> cancel(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, @PathParam("id") String id, String form);

    @GET
    @Path("/payment_intents/{id}")
    Uni<Response> retrieve(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @PathParam("id") String id, @QueryParam("expand[]") String expand);

    @GET
    @Path("/payment_intents/search")
    Uni<Response> search(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @QueryParam("query") String query);

    @POST
    @Path("/refunds")
    @Consumes(FORM)
    Uni<Response> refund(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, String form);

    @POST
    @Path("/customers")
    @Consumes(FORM)
    Uni<Response> createCustomer(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, String form);

    @POST
    @Path("/payment_methods/{id}/detach")
    @Consumes(FORM)
    Uni<Response> detachPaymentMethod(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @HeaderParam(IDEMPOTENCY) String idempotencyKey, @PathParam("id") String id, String form);

    @GET
    @Path("/refunds/{id}")
    Uni<Response> retrieveRefund(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @PathParam("id") String id);

    @GET
    @Path("/refunds")
    Uni<Response> listRefunds(@HeaderParam(AUTH) String auth, @HeaderParam(VERSION) String version,
            @QueryParam("payment_intent") String paymentIntent, @QueryParam("limit") int limit);
}
