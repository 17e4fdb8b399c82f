package dev.payrail.sandbox.pagadito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.payrail.connector.pagadito.PagaditoWire;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The APIPG emulator on the wire, as Pagadito's PHP library calls it: form-encoded POSTs to
 * {@code /comercios/apipg/charges.php} with the library's operation keys, JSON answers
 * {@code {code, message, value, datetime}}, and its refusals.
 */
@QuarkusTest
class PagaditoSandboxTest {

    private static final String CHARGES = "/sandbox/pagadito/comercios/apipg/charges.php";

    @Inject
    PagaditoSandbox sandbox;

    @AfterEach
    void reset() {
        sandbox.resetSettings();
    }

    private static JsonPath call(Map<String, String> form) {
        return RestAssured.given().contentType("application/x-www-form-urlencoded").body(PagaditoWire.form(form))
                .post(CHARGES).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String connect(String uid, String wsk) {
        JsonPath r = call(form("operation", PagaditoWire.OP_CONNECT, "uid", uid, "wsk", wsk, "format_return", "json"));
        assertEquals("PG1001", r.getString("code"));
        assertNotNull(r.getString("datetime"));
        return r.getString("value");
    }

    private static JsonPath exec(String token, String ern, String amount, String price, String currency) {
        return call(form("operation", PagaditoWire.OP_EXEC_TRANS, "token", token, "ern", ern, "amount", amount,
                "details", "[{\"quantity\":2,\"description\":\"Item\",\"price\":" + price + ",\"url_product\":\"\"}]",
                "custom_params", "[]", "currency", currency, "format_return", "json", "allow_pending_payments", "false"));
    }

    @Test
    void connectExecTransAndGetStatusSpeakTheLibrarysWireFormat() {
        String token = connect("payrail_sandbox_pagadito_uid", "payrail_sandbox_pagadito_wsk");
        String ern = "ern_" + Long.toString(System.nanoTime(), 36);
        JsonPath registered = exec(token, ern, "21.00", "10.50", "USD");
        assertEquals("PG1002", registered.getString("code"));
        String url = URLDecoder.decode(registered.getString("value"), StandardCharsets.UTF_8);
        assertTrue(url.contains("/sandbox/pagadito/comercios/index.php?mod=login&token="), url);
        String trans = PagaditoWire.transactionToken(url);

        JsonPath status = call(form("operation", PagaditoWire.OP_GET_STATUS, "token", token, "token_trans", trans,
                "format_return", "json"));
        assertEquals("PG1003", status.getString("code"));
        assertEquals("REGISTERED", status.getString("value.status"));

        sandbox.payerActs(trans, true, "http://localhost");
        JsonPath paid = call(form("operation", PagaditoWire.OP_GET_STATUS, "token", token, "token_trans", trans,
                "format_return", "json"));
        assertEquals("COMPLETED", paid.getString("value.status"));
        assertTrue(paid.getString("value.reference").matches("[0-9]{8}"), paid.getString("value.reference"));
        assertTrue(paid.getString("value.date_trans").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    }

    @Test
    void refusalsCarryPagaditosCodes() {
        assertEquals("PG3001", call(form("operation", PagaditoWire.OP_CONNECT, "uid", "payrail_sandbox_pagadito_uid",
                "wsk", "wrong", "format_return", "json")).getString("code"), "bad credentials");
        assertEquals("PG2001", call(form("operation", PagaditoWire.OP_CONNECT, "uid", "x", "format_return", "json"))
                .getString("code"), "incomplete");
        String token = connect("payrail_sandbox_pagadito_uid", "payrail_sandbox_pagadito_wsk");
        String ern = "ern_" + Long.toString(System.nanoTime(), 36);
        assertEquals("PG3007", exec("not-a-connection", ern, "10.00", "5.00", "USD").getString("code"), "bad token");
        assertEquals("PG3004", exec(token, ern, "10.00", "4.00", "USD").getString("code"), "amount ≠ details");
        assertEquals("PG3008", exec(token, ern, "10.00", "5.00", "EUR").getString("code"), "currency");
        assertEquals("PG3009", exec(token, ern, "0.50", "0.25", "USD").getString("code"), "under 1 USD");
        assertEquals("PG1002", exec(token, ern, "10.00", "5.00", "USD").getString("code"));
        assertEquals("PG3002", exec(token, ern, "10.00", "5.00", "USD").getString("code"), "an ERN is registered once");
        assertEquals(1, sandbox.registered("payrail_sandbox_pagadito_uid", ern));
        assertEquals("PG3003", call(form("operation", PagaditoWire.OP_GET_STATUS, "token", token, "token_trans",
                "unknowntransactiontoken", "format_return", "json")).getString("code"), "unknown transaction");
        assertEquals("PG2002", call(form("operation", "nope", "format_return", "json")).getString("code"));
    }

    @Test
    void anotherAccountCannotReadATransaction() {
        String uid = "other_" + Long.toString(System.nanoTime(), 36);
        sandbox.register(uid, "other-wsk", "https://shop.example/back?token={value}&ern={ern_value}");
        String mine = connect("payrail_sandbox_pagadito_uid", "payrail_sandbox_pagadito_wsk");
        String url = URLDecoder.decode(exec(mine, "ern_" + Long.toString(System.nanoTime(), 36), "10.00", "5.00", "GTQ")
                .getString("value"), StandardCharsets.UTF_8);
        String theirs = connect(uid, "other-wsk");
        assertEquals("PG3003", call(form("operation", PagaditoWire.OP_GET_STATUS, "token", theirs, "token_trans",
                PagaditoWire.transactionToken(url), "format_return", "json")).getString("code"));
    }

    @Test
    void thePayerPageShowsTheTransactionAndItsButtonsReturnToThePanelsUrl() {
        String uid = "shop_" + Long.toString(System.nanoTime(), 36);
        sandbox.register(uid, "shop-wsk", "https://shop.example/back?token={value}&ern={ern_value}");
        String token = connect(uid, "shop-wsk");
        String ern = "ern_" + Long.toString(System.nanoTime(), 36);
        String url = URLDecoder.decode(exec(token, ern, "10.00", "5.00", "USD").getString("value"), StandardCharsets.UTF_8);
        String trans = PagaditoWire.transactionToken(url);
        String page = RestAssured.given().get(url).then().statusCode(200).extract().asString();
        assertTrue(page.contains("10.00") && page.contains(ern) && page.contains("id=\"pay\""), page);
        String location = RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("action", "cancel").post(url.replace("mod=login", "mod=pay")).then().statusCode(303)
                .extract().header("Location");
        assertEquals("https://shop.example/back?token=" + trans + "&ern=" + ern, location);
        assertEquals("CANCELED", sandbox.transaction(trans).status());
        assertTrue(RestAssured.given().get(url).then().statusCode(200).extract().asString().contains("CANCELED"));
        RestAssured.given().get("/sandbox/pagadito/comercios/index.php?mod=login&token=unknown").then().statusCode(404);
    }
}
