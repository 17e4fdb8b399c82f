package dev.payrail.support;

import io.restassured.specification.RequestSpecification;

/** A fresh merchant whose providers are configured through the providers API. */
public final class Providers {

    private Providers() {
    }

    /** A merchant: {@code key, secret, id}. */
    public record Merchant(String key, String secret, String id) {
        public RequestSpecification api() {
            return Api.as(key, secret);
        }
    }

    /** A new merchant that routes to the given providers in this order (priority 1, 2, …). */
    public static Merchant routingTo(String... providers) {
        String[] m = Api.newMerchant();
        Merchant merchant = new Merchant(m[0], m[1], m[2]);
        for (int i = 0; i < providers.length; i++) {
            merchant.api().body("{\"enabled\":true,\"priority\":" + (i + 1) + "}")
                    .patch("/api/v1/providers/" + providers[i]).then().statusCode(200);
        }
        return merchant;
    }
}
