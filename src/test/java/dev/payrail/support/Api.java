package dev.payrail.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Request builders for the seeded merchant, other merchants and the admin API. */
public final class Api {

    public static final String SEED_KEY = "key_test_abc123";

    private Api() {
    }

    /**
     * The seeded merchant's API secret in this run ({@link TestEnvironment} configures it). Not the
     * committed default: the packaged artifact runs as production, which refuses committed secrets.
     */
    public static String seedSecret() {
        return "run_seed_secret_" + TestEnvironment.RUN_ID;
    }

    /** The seeded merchant's webhook signing secret in this run. */
    static String seedWebhookSecret() {
        return "whsec_run_" + TestEnvironment.RUN_ID;
    }

    /** The seeded dashboard admin's password in this run (its email is admin@example.com). */
    public static String seedDashboardPassword() {
        return "run-dashboard-admin-" + TestEnvironment.RUN_ID;
    }

    /** The admin API token in this run. */
    public static String adminToken() {
        return "run-admin-token-" + TestEnvironment.RUN_ID;
    }

    public static RequestSpecification seeded() {
        return as(SEED_KEY, seedSecret());
    }

    public static RequestSpecification as(String key, String secret) {
        return given().header("X-Api-Key", key).header("X-Api-Secret", secret).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + adminToken()).contentType(ContentType.JSON);
    }

    /** Creates a fresh merchant through the admin API; returns {key, secret, id}. */
    public static String[] newMerchant() {
        var body = admin().body("{\"name\":\"Shop " + Long.toString(System.nanoTime(), 36) + "\",\"email\":\"shop@example.com\"}")
                .post("/admin/v1/merchants").then().statusCode(201).extract().jsonPath();
        return new String[] { body.getString("api_key"), body.getString("api_secret"), body.getString("merchant.id") };
    }
}
