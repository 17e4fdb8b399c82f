package dev.payrail.connector.stripe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.FormEncoder;
import com.stripe.net.Webhook;

/** Our Stripe form encoding and Stripe-Signature, checked against stripe-java (test scope only). */
class StripeWireFormatTest {

    private static final String SECRET = "whsec_test_cross_check_secret";

    private static Map<String, Object> params() {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("number", "4242424242424242");
        card.put("exp_month", 12);
        card.put("exp_year", 2031);
        card.put("cvc", "123");
        Map<String, Object> pmData = new LinkedHashMap<>();
        pmData.put("type", "card");
        pmData.put("card", card);
        pmData.put("billing_details", Map.of("name", "Ada Lovelace & Co/ü"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("payrail_payment_id", "pay_ABC123");
        metadata.put("note", "a+b=c; 100%");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("amount", 1099);
        p.put("currency", "usd");
        p.put("confirm", true);
        p.put("capture_method", "manual");
        p.put("payment_method_types", List.of("card"));
        p.put("payment_method_data", pmData);
        p.put("metadata", metadata);
        p.put("return_url", "https://shop.example/return?x=1&y=2");
        p.put("expand", List.of());
        return p;
    }

    @Test
    void formEncodingMatchesStripeJava() {
        assertEquals(FormEncoder.createQueryString(params()), StripeForm.encode(params()));
    }

    @Test
    void bracketSyntaxForNestedParameters() {
        String encoded = StripeForm.encode(Map.of("payment_method_data", Map.of("card", Map.of("number", "4242"))));
        assertEquals("payment_method_data[card][number]=4242", encoded);
        assertEquals(List.of(Map.entry("items[0][price]", "p1"), Map.entry("items[1][price]", "p2")),
                StripeForm.flatten(Map.of("items", List.of(Map.of("price", "p1"), Map.of("price", "p2")))));
    }

    @Test
    void ourSignatureIsAcceptedByStripeJava() throws Exception {
        String payload = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{}}}";
        long now = Instant.now().getEpochSecond();
        String header = StripeSignature.header(payload.getBytes(StandardCharsets.UTF_8), SECRET, now);
        assertNotNull(Webhook.constructEvent(payload, header, SECRET, 300));
        assertEquals(Webhook.Signature.generateSignatureHeader(payload, SECRET, now), header);
    }

    @Test
    void stripeJavaSignaturesAreAcceptedByUs() throws Exception {
        String payload = "{\"id\":\"evt_2\",\"type\":\"charge.refunded\"}";
        long now = Instant.now().getEpochSecond();
        String header = Webhook.Signature.generateSignatureHeader(payload, SECRET, now);
        assertNull(StripeSignature.reject(header, payload.getBytes(StandardCharsets.UTF_8), List.of(SECRET),
                Duration.ofMinutes(5), Instant.now()));
    }

    @Test
    void tamperedStaleAndRotatedSignatures() throws Exception {
        byte[] payload = "{\"id\":\"evt_3\"}".getBytes(StandardCharsets.UTF_8);
        byte[] tampered = "{\"id\":\"evt_4\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String header = StripeSignature.header(payload, SECRET, now.getEpochSecond());
        assertEquals("no signature matches", StripeSignature.reject(header, tampered, List.of(SECRET), Duration.ofMinutes(5), now));
        assertEquals("no signature matches",
                StripeSignature.reject(header, payload, List.of("whsec_other"), Duration.ofMinutes(5), now));

        String stale = StripeSignature.header(payload, SECRET, now.minusSeconds(301).getEpochSecond());
        assertEquals("timestamp outside the tolerance",
                StripeSignature.reject(stale, payload, List.of(SECRET), Duration.ofMinutes(5), now));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        assertThrows(SignatureVerificationException.class,
                () -> Webhook.constructEvent(new String(payload, StandardCharsets.UTF_8), stale, SECRET, 300, clock));

        // During secret rotation Stripe signs with both secrets; either v1 may match.
        long t = now.getEpochSecond();
        String rotated = "t=" + t + ",v1=" + StripeSignature.hmac(payload, "whsec_old", t) + ",v1="
                + StripeSignature.hmac(payload, SECRET, t) + ",v0=deadbeef";
        assertNull(StripeSignature.reject(rotated, payload, List.of(SECRET), Duration.ofMinutes(5), now));
        assertDoesNotThrow(() -> Webhook.constructEvent(new String(payload, StandardCharsets.UTF_8), rotated, SECRET, 300, clock));

        assertEquals("missing Stripe-Signature header", StripeSignature.reject(null, payload, List.of(SECRET),
                Duration.ofMinutes(5), now));
        assertEquals("no v1 signature in Stripe-Signature", StripeSignature.reject("t=" + t + ",v0=abc", payload,
                List.of(SECRET), Duration.ofMinutes(5), now));
    }
}
