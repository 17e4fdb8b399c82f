package dev.payrail.connector.razorpay;

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
 * Razorpay's REST API as far as Payrail uses it: JSON bodies, HTTP Basic {@code key_id:key_secret},
 * raw {@link Response}s so that Razorpay's error objects can be read.
 */
@RegisterRestClient(configKey = "razorpay")
@Path("/v1")
interface RazorpayApi {

    String AUTH = "Authorization";
    String REFUND_IDEMPOTENCY = "X-Refund-Idempotency";

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createOrder(@HeaderParam(AUTH) String auth, String json);

    @GET
    @Path("/orders")
    Uni<Response> ordersByReceipt(@HeaderParam(AUTH) String auth, @QueryParam("receipt") String receipt);

    @GET
    @Path("/orders/{id}/payments")
    Uni<Response> orderPayments(@HeaderParam(AUTH) String auth, @PathParam("id") String orderId);

    @POST
    @Path("/payments/create/json")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createCardPayment(@HeaderParam(AUTH) String auth, String json);

    @POST
    @Path("/payments/create/upi")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createUpiPayment(@HeaderParam(AUTH) String auth, String json);

    @GET
    @Path("/payments/{id}")
    Uni<Response> payment(@HeaderParam(AUTH) String auth, @PathParam("id") String paymentId);

    @POST
    @Path("/payments/{id}/capture")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> capture(@HeaderParam(AUTH) String auth, @PathParam("id") String paymentId, String json);

    @POST
    @Path("/payments/{id}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> refund(@HeaderParam(AUTH) String auth, @HeaderParam(REFUND_IDEMPOTENCY) String idempotency,
            @PathParam("id") String paymentId, String json);

    @GET
    @Path("/payments/{id}/refunds")
    Uni<Response> paymentRefunds(@HeaderParam(AUTH) String auth, @PathParam("id") String paymentId);

    @GET
    @Path("/refunds/{id}")
    Uni<Response> refund(@HeaderParam(AUTH) String auth, @PathParam("id") String refundId);
}
