package dev.payrail.connector.pagadito;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pagadito's answer {@code {code, message, value, datetime}}; {@code value} is a string (a token, a
 * URL) or, for get_status, an object.
 */
record PagaditoAnswer(String code, String message, JsonNode value) {

    static PagaditoAnswer of(JsonNode json) {
        return new PagaditoAnswer(text(json, "code"), text(json, "message"), json.path("value"));
    }

    boolean is(String expected) {
        return expected.equals(code);
    }

    String valueText() {
        return value == null || value.isNull() || value.isMissingNode() || value.isContainerNode() ? null : value.asText();
    }

    /** {@code PG3001 (message)} for problem texts. */
    String describe() {
        return (code == null ? "no code" : code) + (message == null ? "" : " (" + message + ")");
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
