package dev.payrail.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.payrail.dashboard.DashboardLogin.Session;
import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;

/**
 * API keys (the new secret shown once and working, the old one refused), checkout settings through the
 * API's validation, and the developers page with the merchant's publishable key: each merchant-scoped
 * and audited.
 */
@QuarkusTest
class DashboardKeysAndSettingsTest {

    private static long audits(String merchantId, String action) {
        return ((Number) Db.one("SELECT count(*) AS n FROM audit_log WHERE merchant_id = ? AND action = ?"
                + " AND actor_type = 'dashboard_user'", merchantId, action).get("n")).longValue();
    }

    @Test
    void rotatedApiSecretIsShownOnceAndReplacesTheOldOne() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        admin.get("/dashboard/keys").then().statusCode(200).body(containsString(shop[0]))
                .body(containsString("pk_test_")).body(not(containsString(shop[1])));
        String page = admin.post("/dashboard/keys/rotate-secret").then().statusCode(200).extract().asString();
        String secret = page.replaceAll("(?s).*<code id=\"new-secret\">([^<]+)</code>.*", "$1");
        assertTrue(!secret.equals(page) && !secret.equals(shop[1]), secret);
        Api.as(shop[0], secret).get("/api/v1/merchant").then().statusCode(200).body("id", equalTo(shop[2]));
        Api.as(shop[0], shop[1]).get("/api/v1/merchant").then().statusCode(401);
        admin.get("/dashboard/keys").then().statusCode(200).body(not(containsString(secret)));
        assertEquals(1, audits(shop[2], "dashboard.api_secret_rotated"));
    }

    @Test
    void checkoutSettingsAreValidatedLikeTheApiAndDevelopersPageShowsThePublishableKey() {
        String[] shop = Api.newMerchant();
        Session admin = DashboardLogin.as(shop[2], Role.ADMIN);
        admin.post("/dashboard/checkout", Map.of("allowed_origins", "https://shop.example/path", "logo_url", ""))
                .then().statusCode(400);
        admin.post("/dashboard/checkout", Map.of("allowed_origins", "https://shop.example", "logo_url", "http://x.example/l.png"))
                .then().statusCode(400).body(containsString("logo_url"));
        admin.post("/dashboard/checkout", Map.of("allowed_origins", "https://shop.example\nhttps://www.shop.example",
                "logo_url", "https://shop.example/logo.png")).then().statusCode(200).body(containsString("id=\"saved\""));
        Api.as(shop[0], shop[1]).get("/api/v1/merchant").then().statusCode(200)
                .body("checkout_allowed_origins", equalTo(List.of("https://shop.example", "https://www.shop.example")))
                .body("checkout_logo_url", equalTo("https://shop.example/logo.png"));
        assertEquals(1, audits(shop[2], "dashboard.checkout_settings_changed"));

        String pk = Api.as(shop[0], shop[1]).get("/api/v1/merchant").then().extract().path("publishable_key");
        DashboardLogin.as(shop[2], Role.VIEWER).get("/dashboard/developers").then().statusCode(200)
                .body(containsString("key: '" + pk + "'"))
                .body(containsString("/v1/checkout.js")).body(containsString(shop[0])).body(not(containsString(shop[1])));
        DashboardLogin.as(Api.newMerchant()[2], Role.ADMIN).get("/dashboard/developers").then().statusCode(200)
                .body(not(containsString(pk)));
    }

    @Test
    void testModeCockpitListsTheSandboxValuesAndCreatesADeclinedPayment() {
        String[] shop = Api.newMerchant();
        DashboardLogin.as(shop[2], Role.VIEWER).get("/dashboard/test-mode").then().statusCode(200)
                .body(containsString("id=\"magic-values\"")).body(containsString("declined"))
                .body(not(containsString("simulate-decline")));
        String page = DashboardLogin.as(shop[2], Role.OPERATOR).post("/dashboard/test-mode/decline").then().statusCode(200)
                .body(containsString("id=\"simulated\"")).extract().asString();
        String paymentId = page.replaceAll("(?s).*Test payment <code>(pay_[^<]+)</code>.*", "$1");
        Api.as(shop[0], shop[1]).get("/api/v1/payments/" + paymentId).then().statusCode(200)
                .body("status", equalTo("failed")).body("metadata.source", equalTo("dashboard_test_mode"));
        assertEquals(1, audits(shop[2], "dashboard.test_decline_simulated"));
    }
}
