package dev.payrail.connector.alipay;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * Alipay's open-platform gateway: every method is a form POST to {@code gateway.do} with the signed
 * common parameters and {@code biz_content}; the answer is JSON, read raw (its signature covers the
 * exact text of the response object).
 */
@RegisterRestClient(configKey = "alipay")
@Path("/gateway.do")
interface AlipayApi {

    @POST
    @Consumes("application/x-www-form-urlencoded;charset=utf-8")
    Uni<Response> call(String form);
}
