package dev.payrail.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client caused or must know about; rendered as {@code application/problem+json}
 * by {@link ProblemMappers}. Carries no stack trace: it is control flow, not a bug.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String detail, String param) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    public static ApiException badRequest(String detail, String param) {
        return new ApiException(400, "BAD_REQUEST_ERROR", detail, param);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND_ERROR", "No such " + what + ".", null);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "AUTHENTICATION_ERROR",
                "Authentication failed: provide a valid API key and secret.", null);
    }

    public static ApiException invalidState(String object, String currentStatus, String action) {
        return new ApiException(409, "INVALID_STATE",
                "Cannot " + action + " a " + object + " in status '" + currentStatus + "'.", null)
                .with("current_status", currentStatus);
    }

    public ApiException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
