package dev.payrail.connector.alipay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A verified synchronous answer: the {@code <method>_response} (or {@code error_response}) object
 * whose signature checked out against the account's Alipay public key.
 */
record AlipayReply(String method, JsonNode node) {

    /** Alipay's gateway code: {@code 10000} success, {@code 40004} business failure, ... */
    String code() {
        return text("code");
    }

    boolean ok() {
        return "10000".equals(code());
    }

    String subCode() {
        return text("sub_code");
    }

    String text(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code code msg (sub_code sub_msg)} for messages. */
    String describe() {
        String sub = subCode() == null ? "" : " (" + subCode() + (text("sub_msg") == null ? "" : ": " + text("sub_msg")) + ")";
        return code() + " " + (text("msg") == null ? "" : text("msg")) + sub;
    }

    @Override
    public String toString() {
        return "AlipayReply[" + method + ", " + code() + (subCode() == null ? "" : " " + subCode()) + "]";
    }
}
