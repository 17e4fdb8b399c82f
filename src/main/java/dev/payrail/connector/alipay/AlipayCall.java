package dev.payrail.connector.alipay;

import java.util.Map;

import dev.payrail.connector.CallReach;

/**
 * One signed request to Alipay's gateway. Never printed with its parameters.
 *
 * @param method     {@code alipay.trade.precreate}, ...
 * @param params     every form parameter, {@code sign} included
 * @param account    whose keys signed it and verify the answer
 * @param repeatable whether Alipay de-duplicates it ({@code out_trade_no}, {@code out_request_no}, reads),
 *                   so that it may be resent after an ambiguous failure
 */
record AlipayCall(String method, Map<String, String> params, AlipayAccount account, boolean repeatable,
        CallReach reach) {

    @Override
    public String toString() {
        return "AlipayCall[" + method + "]";
    }
}
