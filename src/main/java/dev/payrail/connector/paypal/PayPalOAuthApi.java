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

/** PayPal OAuth2: client-credentials tokens. Bodies are raw strings; {@link PayPalConnector} maps them. */
@RegisterRestClient(configKey = "paypal")
interface PayPalOAuthApi {

    @POST
    @Path("/v1/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<String>> token(@HeaderParam("Authorization") String basic, String form);
}
