package dev.payrail.common;

import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Every error leaves Payrail as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return Problems.response(e);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
                .orElse(null);
        if (first == null) {
            return Problems.response(ApiException.badRequest("The request is invalid.", null));
        }
        String param = paramName(first.getPropertyPath());
        return Problems.response(ApiException.badRequest(param + ": " + first.getMessage(), param));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problems.response(jsonProblem(e));
    }

    // Quarkus registers mappers for these Jackson subtypes; ours must be at least as specific.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return Problems.response(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        return Problems.response(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e) {
        return Problems.response(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return Problems.response(jsonProblem(e));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return Problems.response(jsonProblem(jpe));
        }
        if (cause instanceof ApiException api) {
            return Problems.response(api);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "None of the acceptable media types can be produced.";
            case 415 -> "Unsupported media type: send application/json.";
            case 400 -> "The request could not be read.";
            default -> status >= 500 ? "An internal error occurred." : "The request was rejected.";
        };
        ApiException problem = new ApiException(status, Problems.codeFor(status), detail, null);
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            problem.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", RequestIds.current());
        }
        return Problems.response(problem);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof ApiException api) {
            return Problems.response(api);
        }
        if (e.getCause() instanceof ApiException api) {
            return Problems.response(api);
        }
        ApiException unavailable = InfrastructureFailures.answer(e);
        if (unavailable != null) {
            return Problems.response(unavailable);
        }
        LOG.errorf(e, "request %s failed", RequestIds.current());
        return Problems.response(new ApiException(500, "INTERNAL_ERROR", "An internal error occurred.", null));
    }

    /** The problem response of any failure, exactly as the mappers above would render it. */
    public static Response toResponse(Throwable e) {
        ProblemMappers m = new ProblemMappers();
        if (e instanceof ApiException api) {
            return m.api(api);
        }
        if (e instanceof ConstraintViolationException cve) {
            return m.validation(cve);
        }
        if (e instanceof JsonProcessingException jpe) {
            return m.json(jpe);
        }
        if (e instanceof WebApplicationException wae) {
            return m.web(wae);
        }
        return m.unexpected(e);
    }

    static ApiException jsonProblem(JsonProcessingException e) {
        if (e instanceof StrictText.InvalidText text) {
            return invalidText(text);
        }
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) {
            return syntaxProblem(syntax);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String param = path(unknown.getPath());
            return ApiException.badRequest("Unknown field: " + param + ".", param);
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            String param = path(((JsonMappingException) e).getPath());
            if (param.isEmpty()) {
                return ApiException.badRequest("The request body must be a JSON object.", null);
            }
            return ApiException.badRequest("Invalid value for " + param + ".", param);
        }
        if (e instanceof JsonParseException) {
            return ApiException.badRequest("Malformed JSON in the request body.", null);
        }
        if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof ApiException api) {
            return api;
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String param = path(mapping.getPath());
            return ApiException.badRequest("Invalid value for " + param + ".", param);
        }
        return ApiException.badRequest("Malformed JSON in the request body.", null);
    }

    private static ApiException invalidText(StrictText.InvalidText e) {
        String param = path(e.getPath());
        String subject = param.isEmpty() ? "The request body" : param;
        String detail = e.key() ? "Keys of " + subject + " " + e.flaw().message() + "."
                : subject + " " + e.flaw().message() + ".";
        return ApiException.badRequest(detail, param.isEmpty() ? null : param)
                .with("reason", e.flaw().name().toLowerCase());
    }

    /** The parser error behind {@code e}, when the body is not well-formed JSON. */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse) {
                return parse;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("^Duplicate field '(.*)'",
            java.util.regex.Pattern.DOTALL);

    /**
     * Malformed JSON named by its position; a duplicate key named by its path. The parser's own
     * message is not echoed: it can quote the offending input.
     */
    private static ApiException syntaxProblem(JsonParseException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        var duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            String param = duplicatePath(e, duplicate.group(1));
            return ApiException.badRequest("Duplicate key " + param + " in the JSON body: each key may appear once.",
                    param).with("reason", "duplicate_key");
        }
        var at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return ApiException.badRequest("Malformed JSON in the request body.", null).with("reason", "malformed_json");
        }
        boolean truncated = e instanceof com.fasterxml.jackson.core.io.JsonEOFException;
        return ApiException.badRequest((truncated ? "Truncated JSON: the body ends early at line " : "Malformed JSON at line ")
                + at.getLineNr() + ", column " + at.getColumnNr() + " (character " + Math.max(at.getCharOffset(), at.getByteOffset())
                + ").", null)
                .with("reason", truncated ? "truncated_json" : "malformed_json")
                .with("line", at.getLineNr()).with("column", at.getColumnNr());
    }

    private static String duplicatePath(JsonParseException e, String name) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (String segment : pointer.substring(1).split("/", -1)) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(segment.replace("~1", "/").replace("~0", "~"));
                }
                return sb.toString();
            }
        }
        return name;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The JSON field name of a violation: the property path without the method and parameter. */
    static String paramName(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> {
                }
                default -> {
                    if (node.getName() == null) {
                        continue;
                    }
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(toSnake(node.getName()));
                }
            }
        }
        if (sb.isEmpty()) {
            for (Path.Node node : path) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    return toSnake(node.getName());
                }
            }
        }
        return sb.toString();
    }

    static String toSnake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
