package dev.payrail.connector.paypal;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** PayPal Webhooks v1: the verify-webhook-signature postback. */
@RegisterRestClient(configKey = "paypal")
interface PayPalNotificationsApi {

    @POST
    @Path("/v1/notifications/verify-webhook-signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> verifyWebhookSignature(@HeaderParam("Authorization") String bearer, String body);
}
