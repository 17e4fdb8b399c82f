package dev.payrail.ratelimit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only public endpoint that exercises {@link PublicRateLimited}. */
@Path("/test-public/ping")
public class PublicPingResource {

    @GET
    @PublicRateLimited
    public String ping() {
        return "pong";
    }

    @GET
    @Path("/unlimited")
    public String unlimited() {
        return "pong";
    }
}
