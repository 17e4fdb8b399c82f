package dev.payrail.connector;

/** An inbound provider webhook failed verification (bad or stale signature, malformed body). */
public class WebhookRejectedException extends RuntimeException {

    public WebhookRejectedException(String message) {
        super(message, null, false, false);
    }
}
