package dev.payrail.sandbox.braintree;

import java.util.List;
import java.util.Map;

import dev.payrail.connector.braintree.BraintreeXml;
import dev.payrail.connector.braintree.BraintreeXml.Element;

/**
 * Braintree's error documents: {@code 422 <api-error-response>} with the validation error nested
 * under {@code <errors><transaction><errors type="array"><error>} and a top-level {@code <message>},
 * and the processor response texts of the test codes.
 */
final class BraintreeSandboxErrors {

    private static final Map<String, String> PROCESSOR = Map.ofEntries(Map.entry("2000", "Do Not Honor"),
            Map.entry("2001", "Insufficient Funds"), Map.entry("2002", "Limit Exceeded"),
            Map.entry("2003", "Cardholder's Activity Limit Exceeded"), Map.entry("2004", "Expired Card"),
            Map.entry("2005", "Invalid Credit Card Number"), Map.entry("2006", "Invalid Expiration Date"),
            Map.entry("2007", "No Account"), Map.entry("2010", "Card Issuer Declined CVV"),
            Map.entry("2012", "Processor Declined - Possible Lost Card"),
            Map.entry("2013", "Processor Declined - Possible Stolen Card"),
            Map.entry("2014", "Processor Declined - Fraud Suspected"), Map.entry("2015", "Transaction Not Allowed"),
            Map.entry("2038", "Processor Declined"), Map.entry("2044", "Declined - Call Issuer"),
            Map.entry("2046", "Declined"), Map.entry("2047", "Call Issuer. Pick Up Card"));

    private BraintreeSandboxErrors() {
    }

    /** Braintree's text for a processor response code. */
    static String processorText(String code) {
        return PROCESSOR.getOrDefault(code, "Processor Declined");
    }

    /** A validation error of a transaction request. */
    static BraintreeSandbox.Reply validation(String code, String attribute, String message) {
        Element error = BraintreeXml.element("error").add("code", code).typed("attribute", "symbol", attribute)
                .add("message", message);
        Element doc = BraintreeXml.element("api-error-response")
                .add(BraintreeXml.element("errors").arrayOf("errors", List.of())
                        .add(BraintreeXml.element("transaction").arrayOf("errors", List.of(error))))
                .add(BraintreeXml.element("params")).add("message", message);
        return BraintreeSandbox.Reply.of(422, doc);
    }
}
