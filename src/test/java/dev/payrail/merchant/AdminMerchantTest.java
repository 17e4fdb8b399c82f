package dev.payrail.merchant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import dev.payrail.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AdminMerchantTest {

    @Test
    void adminApiRejectsMissingOrWrongTokens() {
        given().get("/admin/v1/merchants").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("AUTHENTICATION_ERROR"));
        given().header("Authorization", "Bearer not-the-token").get("/admin/v1/merchants").then().statusCode(401);
        Api.seeded().header("Authorization", "Basic a2V5OnNlY3JldA==").get("/admin/v1/merchants").then().statusCode(401);
    }

    @Test
    void createdMerchantGetsItsSecretOnceAndItIsStoredAsADigest() {
        JsonPath created = Api.admin()
                .body("{\"name\":\"Acme\",\"email\":\"acme@example.com\",\"webhook_url\":\"https://acme.example/hooks\"}")
                .post("/admin/v1/merchants").then().statusCode(201)
                .body("api_key", matchesPattern("key_test_[0-9A-Za-z]{14}"))
                .body("api_secret", matchesPattern("secret_test_[0-9A-Za-z]{32}"))
                .body("webhook_secret", startsWith("whsec_"))
                .body("merchant.id", matchesPattern("mer_[0-9A-Za-z]{14}"))
                .extract().jsonPath();
        String id = created.getString("merchant.id");
        String secret = created.getString("api_secret");

        Api.admin().get("/admin/v1/merchants/" + id).then().statusCode(200)
                .body("name", equalTo("Acme"))
                .body("webhook_url", equalTo("https://acme.example/hooks"))
                .body("$", not(hasKey("api_secret")))
                .body("$", not(hasKey("webhook_secret")));

        Map<String, Object> row = Db.one("SELECT api_secret_digest FROM merchants WHERE id = ?", id);
        String digest = (String) row.get("api_secret_digest");
        assertFalse(digest.contains(secret), "the secret itself must not be stored");
        assertEquals(ApiSecrets.digest(secret), digest);
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"));

        Api.as(created.getString("api_key"), secret).get("/api/v1/merchant").then().statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void rotationInvalidatesTheOldSecretAtOnce() {
        String[] m = Api.newMerchant();
        Api.as(m[0], m[1]).get("/api/v1/merchant").then().statusCode(200);
        String newSecret = Api.admin().post("/admin/v1/merchants/" + m[2] + "/rotate-secret").then().statusCode(200)
                .body("api_key", equalTo(m[0]))
                .extract().path("api_secret");
        assertNotEquals(m[1], newSecret);
        Api.as(m[0], m[1]).get("/api/v1/merchant").then().statusCode(401);
        Api.as(m[0], newSecret).get("/api/v1/merchant").then().statusCode(200);
    }

    @Test
    void listIsPaginatedNewestFirstWithoutSecrets() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            mine.add(Api.newMerchant()[2]);
        }
        JsonPath first = Api.admin().queryParam("limit", 2).get("/admin/v1/merchants").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("has_more", equalTo(true))
                .extract().jsonPath();
        List<String> firstIds = first.getList("data.id");
        assertEquals(2, firstIds.size());
        JsonPath second = Api.admin().queryParam("limit", 2).queryParam("starting_after", firstIds.get(1))
                .get("/admin/v1/merchants").then().statusCode(200).extract().jsonPath();
        List<String> secondIds = second.getList("data.id");
        assertFalse(secondIds.contains(firstIds.get(0)));
        assertFalse(secondIds.contains(firstIds.get(1)));
        Set<String> seen = new HashSet<>(firstIds);
        seen.addAll(secondIds);
        assertTrue(seen.size() == firstIds.size() + secondIds.size());
        assertTrue(mine.containsAll(firstIds), "the three newest are the ones just created: " + firstIds + " " + mine);
        assertFalse(first.getString("data").contains("secret"));
    }

    @Test
    void invalidCreateRequestsNameTheField() {
        Api.admin().body("{\"name\":\"\",\"email\":\"a@b.example\"}").post("/admin/v1/merchants").then()
                .statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("BAD_REQUEST_ERROR")).body("param", equalTo("name"));
        Api.admin().body("{\"name\":\"A\",\"email\":\"not-an-email\"}").post("/admin/v1/merchants").then()
                .statusCode(400).body("param", equalTo("email"));
        Api.admin().body("{\"name\":\"A\",\"email\":\"a@b.example\",\"webhook_url\":\"ftp://x\"}")
                .post("/admin/v1/merchants").then().statusCode(400).body("param", equalTo("webhook_url"));
        Api.admin().queryParam("starting_after", "pay_123").get("/admin/v1/merchants").then()
                .statusCode(400).body("param", equalTo("starting_after"));
        Api.admin().queryParam("limit", 1000).get("/admin/v1/merchants").then()
                .statusCode(400).body("param", equalTo("limit"));
    }

    @Test
    void unknownMerchantIsNotFound() {
        Api.admin().get("/admin/v1/merchants/mer_doesnotexist00").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND_ERROR"));
        Api.admin().post("/admin/v1/merchants/mer_doesnotexist00/rotate-secret").then().statusCode(404);
    }
}
