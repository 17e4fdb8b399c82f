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
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * PayPal Disputes v1, the merchant's side: show a dispute, provide evidence (multipart: the evidences
 * as JSON in the {@code input} part), accept the claim. POSTs carry a {@code PayPal-Request-Id}.
 */
@RegisterRestClient(configKey = "paypal")
@Path("/v1/customer/disputes")
@Produces(MediaType.APPLICATION_JSON)
interface PayPalDisputesApi {

    @GET
    @Path("/{id}")
    Uni<RestResponse<String>> get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @POST
    @Path("/{id}/provide-evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<RestResponse<String>> provideEvidence(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id,
            @RestForm("input") @PartType(MediaType.TEXT_PLAIN) String input);

    @POST
    @Path("/{id}/accept-claim")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> acceptClaim(@HeaderParam("Authorization") String bearer,
            @HeaderParam("PayPal-Request-Id") String requestId, @PathParam("id") String id, String body);
}
