package dev.payrail.connector.pagadito;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Pagadito's APIPG wire format, as its own PHP library (v1.5.x, class {@code Pagadito}) speaks it:
 * the operation keys of {@code config()}, the parameter names of {@code connect()},
 * {@code exec_trans()} and {@code get_status()}, each value URL-encoded ({@code format_post_vars}),
 * and the success codes its methods test for. {@code PagaditoWireTest} pins these against the
 * library's text. Everything else Pagadito answers (its {@code PG2xxx}/{@code PG3xxx} codes, whose
 * published tables disagree) is read as a refusal and passed on with its code and message.
 */
public final class PagaditoWire {

    public static final String OP_CONNECT = "f3f191ce3326905ff4403bb05b0de150";
    public static final String OP_EXEC_TRANS = "41216f8caf94aaa598db137e36d4673e";
    public static final String OP_GET_STATUS = "0b50820c65b0de71ce78f6221a5cf876";
    public static final String OP_GET_EXCHANGE_RATE = "da6b597cfcd0daf129287758b3c73b76";

    public static final String OPERATION = "operation";
    public static final String UID = "uid";
    public static final String WSK = "wsk";
    public static final String FORMAT_RETURN = "format_return";
    public static final String TOKEN = "token";
    public static final String ERN = "ern";
    public static final String AMOUNT = "amount";
    public static final String DETAILS = "details";
    public static final String CUSTOM_PARAMS = "custom_params";
    public static final String CURRENCY = "currency";
    public static final String ALLOW_PENDING_PAYMENTS = "allow_pending_payments";
    public static final String TOKEN_TRANS = "token_trans";

    /** connect succeeded: {@code value} is the connection token. */
    public static final String CONNECTED = "PG1001";
    /** exec_trans registered the transaction: {@code value} is the URL-encoded payer URL. */
    public static final String REGISTERED = "PG1002";
    /** get_status answered: {@code value} is {@code {status, reference, date_trans}}. */
    public static final String STATUS = "PG1003";

    /** The transaction statuses of get_status. */
    public static final String S_REGISTERED = "REGISTERED";
    public static final String S_COMPLETED = "COMPLETED";
    public static final String S_VERIFYING = "VERIFYING";
    public static final String S_REVOKED = "REVOKED";
    public static final String S_FAILED = "FAILED";
    public static final String S_CANCELED = "CANCELED";
    public static final String S_EXPIRED = "EXPIRED";

    /**
     * The placeholders of the return URL a merchant configures in the Pagadito panel: Pagadito puts
     * the transaction token in place of {@code {value}} and the ERN in place of {@code {ern_value}}.
     */
    public static final String RETURN_TOKEN_PLACEHOLDER = "{value}";
    public static final String RETURN_ERN_PLACEHOLDER = "{ern_value}";

    private PagaditoWire() {
    }

    /** {@code k=urlencode(v)&...} in the given order, as the PHP library's {@code format_post_vars}. */
    public static String form(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** A form body back into its parameters (the emulator's side). */
    public static Map<String, String> parseForm(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** The {@code token} query parameter of the payer URL exec_trans answers, or {@code null}. */
    public static String transactionToken(String payerUrl) {
        try {
            String query = URI.create(payerUrl).getRawQuery();
            if (query == null) {
                return null;
            }
            String token = parseForm(query).get(TOKEN);
            return token == null || token.isBlank() ? null : token;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
