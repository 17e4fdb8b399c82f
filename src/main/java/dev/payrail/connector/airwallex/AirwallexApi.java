package dev.payrail.connector.airwallex;

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
 * Airwallex's Payments Acceptance API as far as Payrail uses it: JSON in and out, raw
 * {@link Response}s so that the connector reads error bodies itself.
 */
@RegisterRestClient(configKey = "airwallex")
@Path("/api/v1")
interface AirwallexApi {

    String AUTH = "Authorization";
    String JSON = MediaType.APPLICATION_JSON;

    @POST
    @Path("/authentication/login")
    Uni<Response> login(@HeaderParam("x-client-id") String clientId, @HeaderParam("x-api-key") String apiKey);

    @POST
    @Path("/pa/payment_intents/create")
    @Consumes(JSON)
    Uni<Response> createIntent(@HeaderParam(AUTH) String auth, String body);

    @POST
    @Path("/pa/payment_intents/{id}/confirm")
    @Consumes(JSON)
    Uni<Response> confirm(@HeaderParam(AUTH) String auth, @PathParam("id") String id, String body);

    @POST
    @Path("/pa/payment_intents/{id}/capture")
    @Consumes(JSON)
    Uni<Response> capture(@HeaderParam(AUTH) String auth, @PathParam("id") String id, String body);

    @POST
    @Path("/pa/payment_intents/{id}/cancel")
    @Consumes(JSON)
    Uni<Response> cancel(@HeaderParam(AUTH) String auth, @PathParam("id") String id, String body);

    @GET
    @Path("/pa/payment_intents/{id}")
    Uni<Response> retrieve(@HeaderParam(AUTH) String auth, @PathParam("id") String id);

    @GET
    @Path("/pa/payment_intents")
    Uni<Response> listIntents(@HeaderParam(AUTH) String auth, @QueryParam("merchant_order_id") String merchantOrderId,
            @QueryParam("page_size") int pageSize);

    @POST
    @Path("/pa/refunds/create")
    @Consumes(JSON)
    Uni<Response> createRefund(@HeaderParam(AUTH) String auth, String body);

    @GET
    @Path("/pa/refunds/{id}")
    Uni<Response> retrieveRefund(@HeaderParam(AUTH) String auth, @PathParam("id") String id);

    @GET
    @Path("/pa/refunds")
    Uni<Response> listRefunds(@HeaderParam(AUTH) String auth, @QueryParam("payment_intent_id") String paymentIntentId,
            @QueryParam("page_size") int pageSize);
}
