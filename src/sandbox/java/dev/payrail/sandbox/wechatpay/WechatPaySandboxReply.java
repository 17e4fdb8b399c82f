package dev.payrail.sandbox.wechatpay;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer of the emulator: HTTP status and JSON body ({@code null}: no body, as {@code 204}). */
public record WechatPaySandboxReply(int status, Map<String, Object> body) {

    static WechatPaySandboxReply ok(Map<String, Object> body) {
        return new WechatPaySandboxReply(200, body);
    }

    static WechatPaySandboxReply noContent() {
        return new WechatPaySandboxReply(204, null);
    }

    /** WeChat Pay's error object {@code {code, message}}. */
    static WechatPaySandboxReply error(int status, String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        return new WechatPaySandboxReply(status, e);
    }

    static WechatPaySandboxReply paramError(String message) {
        return error(400, "PARAM_ERROR", message);
    }

    static WechatPaySandboxReply invalidRequest(String message) {
        return error(400, "INVALID_REQUEST", message);
    }

    static WechatPaySandboxReply signError(String message) {
        return error(401, "SIGN_ERROR", message);
    }

    static WechatPaySandboxReply orderNotExist() {
        return error(404, "ORDER_NOT_EXIST", "订单不存在");
    }
}
