package dev.payrail.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void readinessIsUpWithDatabaseAndRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Redis")))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void summaryReportsBothServices() {
        given().get("/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("database", equalTo("UP"))
                .body("redis", equalTo("UP"))
                .body("timestamp", notNullValue());
    }

    @Test
    void metricsUseRouteTemplatesNotRawPaths() {
        // A matched route is tagged with its template (unmatched 4xx are uri=UNKNOWN): read a real merchant.
        Api.admin().get("/admin/v1/merchants/" + Api.newMerchant()[2]).then().statusCode(200);
        Api.admin().get("/admin/v1/merchants/mer_metricsprobe0001").then().statusCode(404);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/admin/v1/merchants/{id}\""), "route template");
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("mer_metricsprobe0001"), "raw path leaked");
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Payrail API"));
    }
}
