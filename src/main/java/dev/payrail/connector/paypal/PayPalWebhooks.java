package dev.payrail.connector.paypal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;
import dev.payrail.connector.WebhookRejectedException;

/**
 * The local half of PayPal webhook verification (headers, freshness, body shape), the
 * verify-webhook-signature request, and the translation of verified events.
 */
final class PayPalWebhooks {

    static final String TRANSMISSION_ID = "paypal-transmission-id";
    static final String TRANSMISSION_TIME = "paypal-transmission-time";
    static final String TRANSMISSION_SIG = "paypal-transmission-sig";
    static final String CERT_URL = "paypal-cert-url";
    static final String AUTH_ALGO = "paypal-auth-algo";

    /** A webhook that passed the local checks. */
    record Checked(String transmissionId, String transmissionTime, String signature, String certUrl, String authAlgo,
            String rawBody, JsonNode event) {
    }

    private final PayPalConfig config;
    private final ObjectMapper mapper;

    PayPalWebhooks(PayPalConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    Checked check(InboundWebhook webhook) {
        String id = require(webhook, TRANSMISSION_ID);
        String time = require(webhook, TRANSMISSION_TIME);
        String sig = require(webhook, TRANSMISSION_SIG);
        String certUrl = require(webhook, CERT_URL);
        String algo = require(webhook, AUTH_ALGO);
        Instant sent;
        try {
            sent = OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException("PAYPAL-TRANSMISSION-TIME is not an RFC 3339 time");
        }
        Instant received = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
        Duration age = Duration.between(sent, received);
        if (age.abs().compareTo(config.webhookTolerance()) > 0) {
            throw new WebhookRejectedException("stale PayPal transmission: sent " + time + ", received " + received);
        }
        String raw = new String(webhook.body() == null ? new byte[0] : webhook.body(), StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = mapper.readTree(raw);
        } catch (IOException e) {
            throw new WebhookRejectedException("PayPal webhook body is not JSON");
        }
        if (event == null || !event.isObject() || !event.hasNonNull("id") || !event.hasNonNull("event_type")) {
            throw new WebhookRejectedException("PayPal webhook body is not an event");
        }
        return new Checked(id, time, sig, certUrl, algo, raw, event);
    }

    private static String require(InboundWebhook webhook, String header) {
        String v = webhook.header(header);
        if (v == null || v.isBlank()) {
            throw new WebhookRejectedException("missing " + header.toUpperCase() + " header");
        }
        return v.trim();
    }

    /** The verify-webhook-signature body, with the event spliced in as received (valid JSON, checked above). */
    String verificationRequest(Checked c, String webhookId) {
        var fields = mapper.createObjectNode();
        fields.put("auth_algo", c.authAlgo());
        fields.put("cert_url", c.certUrl());
        fields.put("transmission_id", c.transmissionId());
        fields.put("transmission_sig", c.signature());
        fields.put("transmission_time", c.transmissionTime());
        fields.put("webhook_id", webhookId);
        String head = fields.toString();
        return head.substring(0, head.length() - 1) + ",\"webhook_event\":" + c.rawBody().strip() + "}";
    }

    /** PayPal's verdict: SUCCESS gives the event, anything else rejects it. */
    ProviderEvent accept(Checked c, int status, JsonNode reply) {
        if (status != 200 || reply == null) {
            throw new WebhookRejectedException("PayPal could not verify the webhook (HTTP " + status + ")");
        }
        if (!"SUCCESS".equals(reply.path("verification_status").asText())) {
            throw new WebhookRejectedException("PayPal webhook signature verification failed");
        }
        return toEvent(c.event());
    }

    /**
     * The disputed payment: a dispute names PayPal's capture ({@code seller_transaction_id}), while a payment
     * keeps its PayPal order id; the {@code custom_id} Payrail gave the order's purchase unit (our payment id)
     * comes back as {@code custom} and is what identifies it. Without it, the capture id.
     */
    static String disputedPayment(JsonNode transaction) {
        String custom = transaction.path("custom").asText(null);
        return custom != null && custom.startsWith("pay_") ? custom
                : transaction.path("seller_transaction_id").asText(null);
    }

    /** A verified PayPal event in Payrail's terms. */
    static ProviderEvent toEvent(JsonNode event) {
        String id = event.path("id").asText();
        String type = event.path("event_type").asText();
        JsonNode r = event.path("resource");
        return switch (type) {
            case "PAYMENT.CAPTURE.COMPLETED" -> new ProviderEvent(id, type, orderId(r), Kind.CAPTURED, amount(r.path("amount")), null);
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> new ProviderEvent(id, type, orderId(r), Kind.FAILED,
                    amount(r.path("amount")), PayPalErrors.declineCode(r));
            case "PAYMENT.CAPTURE.REFUNDED" -> new ProviderEvent(id, type, r.path("id").asText(null), Kind.REFUND_PROCESSED,
                    amount(r.path("amount")), null);
            case "PAYMENT.AUTHORIZATION.CREATED" -> new ProviderEvent(id, type, orderId(r), Kind.AUTHORIZED,
                    amount(r.path("amount")), null);
            case "PAYMENT.AUTHORIZATION.VOIDED" -> new ProviderEvent(id, type, orderId(r), Kind.CANCELLED, amount(r.path("amount")),
                    null);
            case "CUSTOMER.DISPUTE.CREATED", "CUSTOMER.DISPUTE.UPDATED", "CUSTOMER.DISPUTE.RESOLVED" -> ProviderEvent.dispute(
                    id, type, disputedPayment(r.path("disputed_transactions").path(0)), dispute(r));
            // CHECKOUT.ORDER.APPROVED: the payer's return to Payrail completes the order; the event only confirms it.
            default -> new ProviderEvent(id, type, "CHECKOUT.ORDER.APPROVED".equals(type) ? r.path("id").asText(null) : null,
                    Kind.IGNORED, null, null);
        };
    }

    /**
     * A PayPal dispute (Disputes API v1 resource) in Stripe's dispute statuses: the life-cycle stage
     * {@code INQUIRY} is a {@code warning_*}; {@code RESOLVED} is won or lost by its
     * {@code dispute_outcome.outcome_code}; an outcome or status PayPal adds later reports no status.
     */
    static DisputeDetails dispute(JsonNode r) {
        boolean inquiry = "INQUIRY".equals(r.path("dispute_life_cycle_stage").asText(null));
        String outcome = r.path("dispute_outcome").path("outcome_code").asText("");
        String status = switch (r.path("status").asText("")) {
            case "OPEN", "WAITING_FOR_SELLER_RESPONSE" -> inquiry ? DisputeDetails.WARNING_NEEDS_RESPONSE
                    : DisputeDetails.NEEDS_RESPONSE;
            case "WAITING_FOR_BUYER_RESPONSE", "UNDER_REVIEW" -> inquiry ? DisputeDetails.WARNING_UNDER_REVIEW
                    : DisputeDetails.UNDER_REVIEW;
            case "RESOLVED" -> switch (outcome) {
                case "RESOLVED_SELLER_FAVOUR", "CANCELED_BY_BUYER", "DENIED" -> inquiry ? DisputeDetails.WARNING_CLOSED
                        : DisputeDetails.WON;
                case "RESOLVED_BUYER_FAVOUR", "ACCEPTED", "RESOLVED_WITH_PAYOUT" -> DisputeDetails.LOST;
                default -> null;
            };
            default -> null;
        };
        JsonNode money = r.path("dispute_amount");
        String currency = money.path("currency_code").asText(null);
        Long refunded = amount(r.path("dispute_outcome").path("amount_refunded"));
        String reason = r.path("reason").asText(null);
        String due = r.path("seller_response_due_date").asText(null);
        java.time.Instant dueBy = null;
        if (due != null) {
            try {
                dueBy = java.time.OffsetDateTime.parse(due).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                dueBy = null;
            }
        }
        return new DisputeDetails(r.path("dispute_id").asText(null), status,
                reason == null ? null : reason.toLowerCase(java.util.Locale.ROOT), amount(money), currency, dueBy,
                DisputeDetails.LOST.equals(status) ? refunded : null, null);
    }

    /** The order of a capture or authorization (our provider reference), else the resource id. */
    private static String orderId(JsonNode resource) {
        String order = resource.path("supplementary_data").path("related_ids").path("order_id").asText(null);
        return order != null ? order : resource.path("id").asText(null);
    }

    private static Long amount(JsonNode money) {
        String currency = money.path("currency_code").asText(null);
        String value = money.path("value").asText(null);
        if (currency == null || value == null) {
            return null;
        }
        try {
            return PayPalConnector.UNITS.fromProvider(currency, value);
        } catch (AmountUnits.NotRepresentable e) {
            return null;
        }
    }
}
