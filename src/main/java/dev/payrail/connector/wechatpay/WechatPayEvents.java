package dev.payrail.connector.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;

import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.ProviderEvent.Kind;
import dev.payrail.connector.WebhookRejectedException;

/**
 * A verified, decrypted WeChat Pay notification in Payrail's terms. {@code TRANSACTION.SUCCESS}
 * captures the payment named by {@code out_trade_no} (Payrail's reference); {@code REFUND.SUCCESS}
 * processes, {@code REFUND.ABNORMAL} and {@code REFUND.CLOSED} fail the refund named by
 * {@code refund_id}; anything else is verified and ignored. The event id is the notification's
 * {@code id}.
 */
final class WechatPayEvents {

    private WechatPayEvents() {
    }

    /**
     * @param mchid the account's merchant id: a resource of another merchant is refused
     */
    static ProviderEvent translate(String id, String eventType, JsonNode resource, String mchid) {
        String owner = WechatPayMapping.text(resource, "mchid");
        if (owner != null && !owner.equals(mchid)) {
            throw new WebhookRejectedException("WeChat Pay notification rejected: it names another merchant");
        }
        return switch (eventType == null ? "" : eventType) {
            case "TRANSACTION.SUCCESS" -> {
                String outTradeNo = WechatPayMapping.text(resource, "out_trade_no");
                if (outTradeNo == null || !"SUCCESS".equals(WechatPayMapping.text(resource, "trade_state"))) {
                    throw new WebhookRejectedException("WeChat Pay notification rejected: not a paid transaction");
                }
                yield new ProviderEvent(id, eventType, outTradeNo, Kind.CAPTURED,
                        resource.path("amount").path("total").asLong(0), null);
            }
            case "REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED" -> {
                String refundId = WechatPayMapping.text(resource, "refund_id");
                if (refundId == null) {
                    throw new WebhookRejectedException("WeChat Pay notification rejected: no refund_id");
                }
                boolean ok = "REFUND.SUCCESS".equals(eventType);
                yield new ProviderEvent(id, eventType, refundId, ok ? Kind.REFUND_PROCESSED : Kind.REFUND_FAILED,
                        resource.path("amount").path("refund").asLong(0), ok ? null : eventType.substring(7).toLowerCase());
            }
            default -> new ProviderEvent(id, eventType, null, Kind.IGNORED, null, null);
        };
    }
}
