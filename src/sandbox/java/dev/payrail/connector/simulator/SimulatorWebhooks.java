package dev.payrail.connector.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.payrail.common.Ids;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;

/**
 * The simulator's webhooks, shaped like Stripe's: header {@code Simulator-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}, a five-minute tolerance, and
 * a JSON body {@code {"id", "type", "data": {"reference", "amount", "decline_code"}}}.
 */
@Singleton
public class SimulatorWebhooks {

    public static final String HEADER = "Simulator-Signature";
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SimulatorDisputes disputes = new SimulatorDisputes();

    SimulatorWebhooks(SimulatorWebhookConfig config) {
        this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
    }

    /** A signed event as the simulator would send it. */
    public record Signed(String body, String signatureHeader) {
    }

    public Signed sign(String type, String reference, Long amount, String declineCode, Instant at) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", "simevt_" + Ids.random(18));
        body.put("type", type);
        ObjectNode data = body.putObject("data");
        data.put("reference", reference);
        if (amount != null) {
            data.put("amount", amount);
        }
        if (declineCode != null) {
            data.put("decline_code", declineCode);
        }
        String json = body.toString();
        return new Signed(json, header(json.getBytes(StandardCharsets.UTF_8), at.getEpochSecond()));
    }

    /** The simulator's disputes (one account: the platform's). */
    public SimulatorDisputes disputes() {
        return disputes;
    }

    /**
     * A dispute event ({@code dispute.created|updated|closed}): {@code data.reference} is the
     * disputed payment's reference, {@code data.dispute} the dispute as Stripe would show it.
     */
    public Signed signDispute(String type, SimulatorDisputes.Reported reported, Instant at) {
        ObjectNode body = mapper.createObjectNode();
        body.put("id", "simevt_" + Ids.random(18));
        body.put("type", type);
        ObjectNode data = body.putObject("data");
        data.put("reference", reported.paymentReference());
        DisputeDetails d = reported.dispute();
        ObjectNode dispute = data.putObject("dispute");
        dispute.put("id", d.id());
        dispute.put("status", d.status());
        dispute.put("reason", d.reason());
        if (d.amount() != null) {
            dispute.put("amount", d.amount());
        }
        dispute.put("evidence_due_by", d.evidenceDueBy().getEpochSecond());
        if (d.fundsWithdrawn() != null) {
            dispute.put("funds_withdrawn", d.fundsWithdrawn());
        }
        if (d.fundsReinstated() != null) {
            dispute.put("funds_reinstated", d.fundsReinstated());
        }
        String json = body.toString();
        return new Signed(json, header(json.getBytes(StandardCharsets.UTF_8), at.getEpochSecond()));
    }

    public String header(byte[] body, long timestamp) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(timestamp, body));
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies the signature over the raw bytes, then parses them. The simulator has one account,
     * the platform's: a webhook addressed to a merchant's account is rejected.
     */
    ProviderEvent verify(InboundWebhook webhook) {
        if (!webhook.platform()) {
            throw new WebhookRejectedException("the simulator has no merchant accounts");
        }
        String header = webhook.header(HEADER);
        if (header == null) {
            throw new WebhookRejectedException("missing " + HEADER + " header");
        }
        Long timestamp = null;
        byte[] expected = null;
        boolean matched = false;
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(item.substring(2));
                } catch (NumberFormatException e) {
                    throw new WebhookRejectedException("malformed timestamp");
                }
            }
        }
        if (timestamp == null) {
            throw new WebhookRejectedException("missing timestamp");
        }
        expected = HexFormat.of().formatHex(hmac(timestamp, webhook.body())).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            String item = part.trim();
            if (item.startsWith("v1=")
                    && MessageDigest.isEqual(expected, item.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                matched = true;
            }
        }
        if (!matched) {
            throw new WebhookRejectedException("signature does not match");
        }
        long age = webhook.receivedAt().getEpochSecond() - timestamp;
        if (Math.abs(age) > TOLERANCE.toSeconds()) {
            throw new WebhookRejectedException("timestamp outside the tolerance");
        }
        return parse(webhook.body());
    }

    private ProviderEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw new WebhookRejectedException("body is not JSON");
        }
        if (root == null || !root.path("id").isTextual() || !root.path("type").isTextual()
                || !root.path("data").path("reference").isTextual()) {
            throw new WebhookRejectedException("body lacks id, type or data.reference");
        }
        String type = root.get("type").asText();
        JsonNode data = root.get("data");
        Long amount = data.path("amount").isIntegralNumber() ? data.get("amount").asLong() : null;
        String decline = data.path("decline_code").isTextual() ? data.get("decline_code").asText() : null;
        ProviderEvent.Kind kind = switch (type) {
            case "payment.authorized" -> ProviderEvent.Kind.AUTHORIZED;
            case "payment.captured" -> ProviderEvent.Kind.CAPTURED;
            case "payment.failed" -> ProviderEvent.Kind.FAILED;
            case "payment.cancelled" -> ProviderEvent.Kind.CANCELLED;
            case "payment.disputed" -> ProviderEvent.Kind.DISPUTED;
            case "refund.processed" -> ProviderEvent.Kind.REFUND_PROCESSED;
            case "refund.failed" -> ProviderEvent.Kind.REFUND_FAILED;
            default -> ProviderEvent.Kind.IGNORED;
        };
        String id = root.get("id").asText();
        if (id.isEmpty() || id.length() > 255) {
            throw new WebhookRejectedException("malformed event id");
        }
        JsonNode dispute = data.path("dispute");
        if (type.startsWith("dispute.") && dispute.isObject() && dispute.path("id").isTextual()) {
            return ProviderEvent.dispute(id, type, data.get("reference").asText(), new DisputeDetails(
                    dispute.get("id").asText(), dispute.path("status").asText(null), dispute.path("reason").asText(null),
                    dispute.path("amount").isIntegralNumber() ? dispute.get("amount").asLong() : null, null,
                    dispute.path("evidence_due_by").isIntegralNumber()
                            ? Instant.ofEpochSecond(dispute.get("evidence_due_by").asLong()) : null,
                    dispute.path("funds_withdrawn").isIntegralNumber() ? dispute.get("funds_withdrawn").asLong() : null,
                    dispute.path("funds_reinstated").isIntegralNumber() ? dispute.get("funds_reinstated").asLong() : null));
        }
        return new ProviderEvent(id, type, data.get("reference").asText(), kind, amount, decline);
    }
}
