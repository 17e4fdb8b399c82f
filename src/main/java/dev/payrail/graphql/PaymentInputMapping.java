package dev.payrail.graphql;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.ApiException;
import dev.payrail.payment.CreatePaymentRequest;

/**
 * {@code InitiatePaymentInput} as the REST {@link CreatePaymentRequest}, so that the one validation
 * and the one flow of the REST API take it. What REST has no field for is kept in the payment's
 * metadata, where REST shows it too: the external reference under {@code external_reference}, the
 * line items as compact JSON under {@code line_items}, the custom parameters as metadata entries. The
 * line items are checked here (quantity, description, price, product URL) and, in a one-step payment,
 * must add up to the amount.
 */
final class PaymentInputMapping {

    static final String EXTERNAL_REFERENCE = "external_reference";
    static final String LINE_ITEMS = "line_items";
    static final Set<String> RESERVED = Set.of(EXTERNAL_REFERENCE, LINE_ITEMS);

    private static final int MAX_ITEMS = 50;
    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_REFERENCE = 255;
    private static final int MAX_URL = 2048;
    private static final int MAX_ENCODED_ITEMS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PaymentInputMapping() {
    }

    static CreatePaymentRequest toRequest(Inputs.InitiatePayment in) {
        if (in == null) {
            throw ApiException.badRequest("input is required.", null);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (in.customParameters != null) {
            for (EntryInput e : in.customParameters) {
                if (RESERVED.contains(e.key)) {
                    throw ApiException.badRequest(e.key + " is reserved: use the input field of that name.",
                            "metadata." + e.key);
                }
                if (metadata.put(e.key, e.value) != null) {
                    throw ApiException.badRequest("Duplicate custom parameter " + e.key + ".", "metadata." + e.key);
                }
            }
        }
        if (in.externalReference != null) {
            if (in.externalReference.isEmpty() || in.externalReference.length() > MAX_REFERENCE) {
                throw ApiException.badRequest("externalReference is 1 to " + MAX_REFERENCE + " characters.",
                        "external_reference");
            }
            metadata.put(EXTERNAL_REFERENCE, in.externalReference);
        }
        Long amount = Amounts.parse(in.amount, "amount");
        if (in.lineItems != null && !in.lineItems.isEmpty()) {
            metadata.put(LINE_ITEMS, lineItems(in.lineItems, amount));
        }
        CreatePaymentRequest.CardInput card = in.card == null ? null
                : new CreatePaymentRequest.CardInput(in.card.number, in.card.expiryMonth, in.card.expiryYear, in.card.cvc,
                        in.card.holderName);
        CreatePaymentRequest.UpiInput upi = in.upi == null ? null : new CreatePaymentRequest.UpiInput(in.upi.vpa);
        CreatePaymentRequest.WalletInput wallet = in.wallet == null ? null
                : new CreatePaymentRequest.WalletInput(in.wallet.wallet, in.wallet.flow, in.wallet.returnUrl);
        return new CreatePaymentRequest(in.orderId, amount, in.currency, in.method, card, upi, wallet, null,
                in.capture, in.provider, metadata.isEmpty() ? null : metadata, in.receipt);
    }

    private static String lineItems(List<Inputs.LineItemInput> items, Long amount) {
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest("At most " + MAX_ITEMS + " line items.", "line_items");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            Inputs.LineItemInput item = items.get(i);
            String at = "line_items." + i + ".";
            if (item.quantity < 1 || item.quantity > 1_000_000) {
                throw ApiException.badRequest("quantity is 1 to 1000000.", at + "quantity");
            }
            if (item.description.isBlank() || item.description.length() > MAX_DESCRIPTION) {
                throw ApiException.badRequest("description is 1 to " + MAX_DESCRIPTION + " characters.", at + "description");
            }
            long price = Amounts.parse(item.price, at + "price");
            if (item.productUrl != null && !webUrl(item.productUrl)) {
                throw ApiException.badRequest("productUrl must be an absolute http(s) URL of at most " + MAX_URL
                        + " characters.", at + "product_url");
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(price, (long) item.quantity));
            } catch (ArithmeticException e) {
                throw ApiException.badRequest("The line items add up to more than any amount.", "line_items");
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("quantity", item.quantity);
            line.put("description", item.description);
            line.put("price", price);
            if (item.productUrl != null) {
                line.put("product_url", item.productUrl);
            }
            out.add(line);
        }
        if (amount != null && total != amount) {
            throw ApiException.badRequest("The line items add up to " + total + ", not to amount " + amount + ".",
                    "line_items");
        }
        String encoded;
        try {
            encoded = JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (encoded.length() > MAX_ENCODED_ITEMS) {
            throw ApiException.badRequest("The line items take more than " + MAX_ENCODED_ITEMS
                    + " characters of metadata; shorten their descriptions or URLs.", "line_items");
        }
        return encoded;
    }

    private static boolean webUrl(String url) {
        if (url.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
