package dev.payrail.sandbox.razorpay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Razorpay's error objects: {@code {"error":{code, description, source, step, reason, metadata, field}}}. */
final class RazorpayErrors {

    private RazorpayErrors() {
    }

    static RazorpaySandbox.Reply badRequest(String description, String field) {
        return error(400, "BAD_REQUEST_ERROR", description, field, "business", "input_validation_failed");
    }

    static RazorpaySandbox.Reply noSuchId() {
        return error(400, "BAD_REQUEST_ERROR", "The id provided does not exist", null, "business", "input_validation_failed");
    }

    static RazorpaySandbox.Reply unauthorized() {
        return error(401, "BAD_REQUEST_ERROR", "The api key provided is invalid", null, "NA", "NA");
    }

    static RazorpaySandbox.Reply server(int status) {
        return error(status, "SERVER_ERROR", "The server encountered an error. The incident has been reported to admins.",
                null, "NA", "server_error");
    }

    private static RazorpaySandbox.Reply error(int status, String code, String description, String field, String source,
            String reason) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("description", description);
        e.put("source", source);
        e.put("step", "NA");
        e.put("reason", reason);
        e.put("metadata", Map.of());
        if (field != null) {
            e.put("field", field);
        }
        return new RazorpaySandbox.Reply(status, Map.of("error", e), List.of());
    }
}
