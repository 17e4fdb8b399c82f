package dev.payrail.connector.pagadito;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * Pagadito's APIPG: one URL for every operation, a form-encoded POST whose {@code operation}
 * parameter names it, a JSON answer {@code {code, message, value, datetime}}. The base URL is
 * {@code https://comercios.pagadito.com} (production) or {@code https://sandbox.pagadito.com/comercios}.
 */
@RegisterRestClient(configKey = "pagadito")
@Path("/apipg/charges.php")
interface PagaditoApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> call(String form);
}
