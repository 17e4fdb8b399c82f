package dev.payrail.webhook.inbound;

/**
 * The provider account an inbound event belongs to: the one whose secret verified it. Either the
 * platform's configured account ({@code POST /webhooks/{provider}}) or one merchant's own account
 * ({@code POST /webhooks/{provider}/{merchantId}}). It comes from the URL, never from the body.
 *
 * <p>A payment is on a merchant's own account when the merchant had stored credentials for its
 * provider when the payment was routed to it, otherwise on the platform's; this is recorded in
 * {@code payments.provider_account}. An event may only touch payments (and their refunds) of its
 * account.
 *
 * @param merchantId the merchant, or {@code null} for the platform's account
 */
public record EventAccount(String merchantId) {

    /** How the platform's account is stored in {@code provider_events.account}. */
    static final String PLATFORM_KEY = "platform";

    public static EventAccount platform() {
        return new EventAccount(null);
    }

    public static EventAccount merchant(String merchantId) {
        if (merchantId == null || merchantId.equals(PLATFORM_KEY)) {
            throw new IllegalArgumentException("not a merchant id: " + merchantId);
        }
        return new EventAccount(merchantId);
    }

    /** The account stored under this {@code provider_events.account} value. */
    static EventAccount ofKey(String key) {
        return PLATFORM_KEY.equals(key) ? platform() : merchant(key);
    }

    public boolean isPlatform() {
        return merchantId == null;
    }

    /** The value of {@code provider_events.account}. */
    String key() {
        return isPlatform() ? PLATFORM_KEY : merchantId;
    }

    @Override
    public String toString() {
        return key();
    }
}
