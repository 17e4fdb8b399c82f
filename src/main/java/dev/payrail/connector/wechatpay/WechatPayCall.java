package dev.payrail.connector.wechatpay;

import dev.payrail.connector.CallReach;

/**
 * One request to WeChat Pay, signed anew on every try (fresh timestamp and nonce).
 *
 * @param objectId   the {@code out_trade_no} or {@code out_refund_no} of the path, if any
 * @param repeatable whether WeChat Pay de-duplicates it (orders by {@code out_trade_no} with identical
 *                   parameters, refunds by {@code out_refund_no}, reads, closes), so that it may be
 *                   resent after an ambiguous failure
 */
record WechatPayCall(Kind kind, WechatPayAccount account, String objectId, String body, boolean repeatable,
        CallReach reach) {

    enum Kind {
        NATIVE, H5, QUERY, CLOSE, REFUND, REFUND_QUERY
    }

    static WechatPayCall of(Kind kind, WechatPayAccount account, String objectId, String body) {
        return new WechatPayCall(kind, account, objectId, body, true, new CallReach());
    }

    String method() {
        return kind == Kind.QUERY || kind == Kind.REFUND_QUERY ? "GET" : "POST";
    }

    /** The path and query below the base URL, exactly as sent (what the signature covers after the base path). */
    String canonicalPath() {
        return switch (kind) {
            case NATIVE -> "/v3/pay/transactions/native";
            case H5 -> "/v3/pay/transactions/h5";
            case QUERY -> "/v3/pay/transactions/out-trade-no/" + objectId + "?mchid=" + account.mchid();
            case CLOSE -> "/v3/pay/transactions/out-trade-no/" + objectId + "/close";
            case REFUND -> "/v3/refund/domestic/refunds";
            case REFUND_QUERY -> "/v3/refund/domestic/refunds/" + objectId;
        };
    }

    @Override
    public String toString() {
        return "WechatPayCall[" + kind + ", " + objectId + "]";
    }
}
