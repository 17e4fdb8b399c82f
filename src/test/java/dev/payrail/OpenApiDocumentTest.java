package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document served at {@code /q/openapi} describes every operation: a summary and a
 * description, a success and an error response, a request schema and example wherever the operation
 * takes a body, a schema and an example for every success answer with a body, and problem+json for
 * the API's errors. Every reference resolves and properties are named as the API writes them. The
 * operations are found from the resource classes themselves, so a new endpoint without its
 * documentation fails here by name.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<Class<? extends Annotation>> NOT_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, Context.class, BeanParam.class);

    /** Paths of the API proper (merchant, admin, public checkout, GraphQL and provider webhooks). */
    private static final java.util.regex.Pattern API = java.util.regex.Pattern.compile("/(api|admin|v1|graphql|webhooks)/");

    private record JavaOperation(String verb, String path, boolean body, String name) {
    }

    @Test
    void everyOperationHasASummaryADescriptionSchemasWithExamplesAndProblemJsonErrors() {
        JsonPath doc = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<JavaOperation> operations = javaOperations();
        assertTrue(operations.size() > 40, "the resource classes were found: " + operations.size());

        List<String> problems = new ArrayList<>();
        for (JavaOperation o : operations) {
            Map<String, Map<String, Object>> item = paths.get(o.path());
            Map<String, Object> op = item == null ? null : item.get(o.verb());
            String where = o.verb().toUpperCase(Locale.ROOT) + " " + o.path() + " (" + o.name() + ")";
            if (op == null) {
                problems.add(where + ": not in the document");
                continue;
            }
            if (blank(op.get("summary"))) {
                problems.add(where + ": no summary");
            }
            if (blank(op.get("description"))) {
                problems.add(where + ": no description");
            }
            Map<?, ?> responses = (Map<?, ?>) op.get("responses");
            boolean error = responses != null && responses.keySet().stream().map(String::valueOf)
                    .anyMatch(code -> code.startsWith("4") || code.startsWith("5"));
            if (!error) {
                problems.add(where + ": no error response");
            }
            boolean success = responses != null && responses.keySet().stream().map(String::valueOf)
                    .anyMatch(code -> code.startsWith("2"));
            if (!success) {
                problems.add(where + ": no success response");
            }
            if (o.body() && !hasSchema(op.get("requestBody"))) {
                problems.add(where + ": takes a body but documents no request schema");
            }
            if (o.body() && !hasExample(op.get("requestBody"), doc)) {
                problems.add(where + ": takes a body but shows no request example");
            }
            if (responses != null) {
                for (Map.Entry<?, ?> r : responses.entrySet()) {
                    String code = String.valueOf(r.getKey());
                    Object response = resolve(r.getValue(), doc);
                    Object content = response instanceof Map<?, ?> m ? m.get("content") : null;
                    boolean empty = content == null || content instanceof Map<?, ?> c && c.isEmpty();
                    if (code.startsWith("2") && !code.equals("204") && !empty && !hasSchema(response)) {
                        problems.add(where + ": response " + code + " has no schema");
                    }
                    if (code.startsWith("2") && !code.equals("204") && !empty && !hasExample(response, doc)) {
                        problems.add(where + ": response " + code + " shows no example");
                    }
                    // the API's errors are problem+json; a page (the checkout, a return page) answers its
                    // customer with a page, /health with its health document
                    if ((code.startsWith("4") || code.startsWith("5")) && (API.matcher(o.path()).lookingAt()
                            ? !(content instanceof Map<?, ?> c && c.containsKey("application/problem+json")) : empty)) {
                        problems.add(where + ": error " + code + " is not application/problem+json");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " operations are not documented:\n" + String.join("\n", problems));
    }

    @Test
    void everyReferenceResolvesAndPropertiesAreNamedAsTheApiWritesThem() {
        String text = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString();
        JsonPath doc = JsonPath.from(text);
        Map<String, Object> schemas = doc.getMap("components.schemas");
        Map<String, Object> responses = doc.getMap("components.responses");
        List<String> broken = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/(schemas|responses)/([^\"]+)\"")
                .matcher(text);
        int refs = 0;
        while (m.find()) {
            refs++;
            if (!(m.group(1).equals("schemas") ? schemas : responses).containsKey(m.group(2))) {
                broken.add(m.group(1) + "/" + m.group(2));
            }
        }
        assertTrue(refs > 100, "references found: " + refs);
        assertTrue(broken.isEmpty(), "references to nothing: " + broken);
        Map<String, Object> payment = doc.getMap("components.schemas.PaymentView.properties");
        assertTrue(payment.containsKey("amount_captured") && payment.containsKey("three_d_secure"), "snake_case: " + payment.keySet());
    }

    private static boolean blank(Object text) {
        return text == null || text.toString().isBlank();
    }

    /** A response as written, or the component a {@code $ref} names. */
    private static Object resolve(Object response, JsonPath doc) {
        if (response instanceof Map<?, ?> m && m.get("$ref") instanceof String ref && ref.startsWith("#/components/responses/")) {
            return doc.getMap("components.responses").get(ref.substring("#/components/responses/".length()));
        }
        return response;
    }

    /** An example on the media type, or on its schema (directly or through a $ref to a component). */
    @SuppressWarnings("unchecked")
    private static boolean hasExample(Object bodyOrResponse, JsonPath doc) {
        if (!(bodyOrResponse instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)
                || content.isEmpty()) {
            return false;
        }
        for (Object media : content.values()) {
            if (!(media instanceof Map<?, ?> m)) {
                return false;
            }
            if (m.get("example") != null || m.get("examples") instanceof Map<?, ?> ex && !ex.isEmpty()) {
                continue;
            }
            Object schema = m.get("schema");
            if (schema instanceof Map<?, ?> s && s.get("$ref") instanceof String ref && ref.startsWith("#/components/schemas/")) {
                schema = doc.getMap("components.schemas").get(ref.substring("#/components/schemas/".length()));
            }
            // OpenAPI 3.1 schemas carry examples as a list
            if (!(schema instanceof Map<?, ?> s2 && (s2.get("example") != null
                    || s2.get("examples") instanceof List<?> l && !l.isEmpty()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasSchema(Object requestBody) {
        if (!(requestBody instanceof Map<?, ?> body) || !(body.get("content") instanceof Map<?, ?> content)
                || content.isEmpty()) {
            return false;
        }
        return content.values().stream().allMatch(media -> media instanceof Map<?, ?> m && m.get("schema") != null);
    }

    /** Every visible JAX-RS operation of the application's beans: verb, path template, whether it takes a body. */
    private static List<JavaOperation> javaOperations() {
        List<JavaOperation> out = new ArrayList<>();
        // packages of HTML pages, left out of the document on purpose (application.properties)
        List<String> notApi = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValues("mp.openapi.scan.exclude.packages", String.class).orElse(List.of());
        for (var bean : Arc.container().beanManager().getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
            Class<?> type = ((InjectableBean<?>) bean).getImplementationClass();
            Path root = type.getAnnotation(Path.class);
            // the application's resources, not the fixtures of tests (src/test/java)
            if (root == null || !type.getPackageName().startsWith("dev.payrail")
                    || notApi.contains(type.getPackageName())
                    || java.nio.file.Files.exists(java.nio.file.Path.of("src/test/java", type.getName().replace('.', '/') + ".java"))) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                Operation doc = m.getAnnotation(Operation.class);
                if (verb == null || doc != null && doc.hidden()) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = join(root.value(), sub == null ? "" : sub.value());
                boolean body = false;
                for (Parameter p : m.getParameters()) {
                    boolean annotated = false;
                    for (Annotation a : p.getAnnotations()) {
                        if (a.annotationType() == FormParam.class) {
                            body = true;
                        }
                        annotated |= NOT_BODY.contains(a.annotationType()) || a.annotationType() == FormParam.class;
                    }
                    body |= !annotated;
                }
                out.add(new JavaOperation(verb, path, body, type.getSimpleName() + "#" + m.getName()));
            }
        }
        return out;
    }

    private static String verb(Method m) {
        if (m.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (m.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (m.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        if (m.isAnnotationPresent(PATCH.class)) {
            return "patch";
        }
        return m.isAnnotationPresent(DELETE.class) ? "delete" : null;
    }

    private static String join(String a, String b) {
        String path = ("/" + a + "/" + b).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
