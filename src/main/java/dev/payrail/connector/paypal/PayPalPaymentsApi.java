package dev.payrail.connector.paypal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** PayPal Payments v2: capture and void authorizations, refund captures. */
@RegisterRestClient(configKey = "paypal")
@Path("/v2/payments")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface PayPalPaymentsApi {

    @POST
    @Path("/authorizations/{id}/capture")
    Uni<RestResponse<String>> captureAuthorization(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String authorizationId, String body);

    @POST
    @Path("/authorizations/{id}/void")
    Uni<RestResponse<String>> voidAuthorization(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String authorizationId, String body);

    @POST
    @Path("/captures/{id}/refund")
    Uni<RestResponse<String>> refundCapture(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @HeaderParam("Prefer") String prefer,
            @PathParam("id") String captureId, String body);

    @GET
    @Path("/refunds/{id}")
    Uni<RestResponse<String>> getRefund(@HeaderParam("Authorization") String bearer, @PathParam("id") String refundId);
}
