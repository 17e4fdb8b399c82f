package dev.payrail.connector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.nayuki.qrcodegen.QrCode;

/**
 * The typed {@code next_action} objects a connector hands back with {@link Outcome#REQUIRES_ACTION}
 * (as {@link ConnectorResult#instructions()}), so every provider that shows a QR code or sends the
 * payer away describes it the same way to the merchant, the hosted checkout page and checkout.js.
 */
public final class NextActions {

    /** A QR code the payer scans with the provider's app (WeChat Pay Native, Alipay precreate). */
    public static final String DISPLAY_QR_CODE = "display_qr_code";
    /** A page of the provider the payer is sent to (WeChat Pay H5, Alipay page pay, Pagadito, PayPal). */
    public static final String REDIRECT_TO_URL = "redirect_to_url";

    private static final int BORDER = 4;

    private NextActions() {
    }

    /**
     * {@code {type: display_qr_code, data, image_data_url, expires_at}}: {@code data} is the text the
     * code holds (the provider's URL), {@code image_data_url} an SVG picture of it as a
     * {@code data:} URL (no request to any server to show it), {@code expires_at} when the provider
     * stops taking it.
     */
    public static Map<String, Object> displayQrCode(String data, Instant expiresAt) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", DISPLAY_QR_CODE);
        action.put("data", data);
        action.put("image_data_url", "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(qrSvg(data).getBytes(StandardCharsets.UTF_8)));
        action.put("expires_at", expiresAt.toString());
        return action;
    }

    /**
     * {@code {type: redirect_to_url, url, return_url}}: the provider's page, and Payrail's page the
     * provider sends the payer back to ({@code null} when the provider sends the payer nowhere).
     */
    public static Map<String, Object> redirectToUrl(String url, String returnUrl) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", REDIRECT_TO_URL);
        action.put("url", url);
        if (returnUrl != null) {
            action.put("return_url", returnUrl);
        }
        return action;
    }

    /**
     * The QR code of {@code data} as an SVG document: one path of unit squares on a white square with
     * the four-module quiet zone the QR standard asks for. Error correction level M, as payment apps
     * print theirs.
     */
    static String qrSvg(String data) {
        QrCode qr = QrCode.encodeText(data, QrCode.Ecc.MEDIUM);
        int size = qr.size + BORDER * 2;
        StringBuilder path = new StringBuilder(qr.size * qr.size * 6);
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + ' ' + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
