package dev.payrail.connector.paypal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates request bodies against the component schemas of PayPal's official OpenAPI documents
 * (copies of the paypal/paypal-rest-api-specifications documents in src/test/resources/paypal-openapi).
 */
final class PayPalSchemas {

    static final String ORDERS = "checkout_orders_v2.json";
    static final String PAYMENTS = "payments_payment_v2.json";
    static final String WEBHOOKS = "notifications_webhooks_v1.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * JSON Schema draft 4, which PayPal's component schemas follow, plus the OpenAPI keywords of the
     * documents they sit in (annotations for this purpose, not constraints), declared so that the
     * validator knows them instead of warning about each.
     */
    private static final JsonMetaSchema OPENAPI_DRAFT4 = JsonMetaSchema
            .builder("https://payrail.dev/test/paypal-openapi-draft4", JsonMetaSchema.getV4())
            .keywords(Stream.of("openapi", "info", "servers", "paths", "components", "tags", "externalDocs", "security",
                    "deprecated", "readOnly", "writeOnly", "example", "examples", "discriminator", "nullable", "xml")
                    .map(NonValidationKeyword::new).toList())
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory
            .builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
            .metaSchema(OPENAPI_DRAFT4).defaultMetaSchemaIri(OPENAPI_DRAFT4.getIri()).build();
    private static final ConcurrentHashMap<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private PayPalSchemas() {
    }

    static Set<ValidationMessage> errors(String document, String component, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(document + "#" + component, k -> FACTORY.getSchema(
                SchemaLocation.of("classpath:paypal-openapi/" + document + "#/components/schemas/" + component)));
        try {
            JsonNode node = MAPPER.readTree(json);
            return schema.validate(node);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static void assertValid(String document, String component, String json) {
        Set<ValidationMessage> errors = errors(document, component, json);
        assertTrue(errors.isEmpty(), component + " violations " + errors + " in " + json);
    }
}
