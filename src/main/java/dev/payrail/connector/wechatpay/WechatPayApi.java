package dev.payrail.connector.wechatpay;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/**
 * WeChat Pay API v3 as far as Payrail uses it: JSON in and out, every request signed in
 * {@code Authorization}, raw {@link Response}s so that the {@code Wechatpay-*} signature headers and
 * the error objects ({@code {code, message}}) are read. Paths here must match
 * {@link WechatPayCall#canonicalPath()}, which is what the signature covers.
 */
@RegisterRestClient(configKey = "wechatpay")
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "User-Agent", value = "Payrail-WechatPay/1")
interface WechatPayApi {

    String AUTH = "Authorization";

    @POST
    @Path("/pay/transactions/native")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> nativePrepay(@HeaderParam(AUTH) String auth, String json);

    @POST
    @Path("/pay/transactions/h5")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> h5Prepay(@HeaderParam(AUTH) String auth, String json);

    @GET
    @Path("/pay/transactions/out-trade-no/{outTradeNo}")
    Uni<Response> query(@HeaderParam(AUTH) String auth, @PathParam("outTradeNo") String outTradeNo,
            @QueryParam("mchid") String mchid);

    @POST
    @Path("/pay/transactions/out-trade-no/{outTradeNo}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> close(@HeaderParam(AUTH) String auth, @PathParam("outTradeNo") String outTradeNo, String json);

    @POST
    @Path("/refund/domestic/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> refund(@HeaderParam(AUTH) String auth, String json);

    @GET
    @Path("/refund/domestic/refunds/{outRefundNo}")
    Uni<Response> refundQuery(@HeaderParam(AUTH) String auth, @PathParam("outRefundNo") String outRefundNo);
}
