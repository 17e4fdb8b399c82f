package dev.payrail.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * The QR code Payrail draws holds exactly the provider's text: the SVG is rasterised here and read
 * back with ZXing, the decoder most phone scanners are built on.
 */
class NextActionsTest {

    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

    /** Draws the SVG's unit squares at {@code scale} pixels each and decodes the picture. */
    private static String decode(String svg) throws Exception {
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), svg);
        int size = Integer.parseInt(box.group(1));
        int scale = 6;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher m = MODULE.matcher(svg);
        int modules = 0;
        while (m.find()) {
            int x = Integer.parseInt(m.group(1));
            int y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0;
                }
            }
            modules++;
        }
        assertTrue(modules > 100, "a QR code has dark modules");
        var source = new RGBLuminanceSource(size * scale, size * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    @Test
    void theQrCodeImageHoldsTheProvidersText() throws Exception {
        String code = "weixin://wxpay/bizpayurl?pr=aBcD3fG9z";
        Instant expires = Instant.parse("2026-12-02T17:00:00Z");
        Map<String, Object> action = NextActions.displayQrCode(code, expires);
        assertEquals("display_qr_code", action.get("type"));
        assertEquals(code, action.get("data"));
        assertEquals("2026-12-02T17:00:00Z", action.get("expires_at"));
        String url = (String) action.get("image_data_url");
        assertTrue(url.startsWith("data:image/svg+xml;base64,"), url);
        String svg = new String(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertEquals(code, decode(svg));
    }

    @Test
    void aLongProviderUrlStillFitsAndReadsBack() throws Exception {
        String code = "https://qr.alipay.com/bax0" + "x".repeat(300) + "?t=" + Instant.now().toEpochMilli();
        assertEquals(code, decode(NextActions.qrSvg(code)));
    }

    @Test
    void aRedirectNamesTheProvidersPageAndOurReturnPage() {
        Map<String, Object> action = NextActions.redirectToUrl("https://pay.example/p?t=1", "https://payrail.example/r/1");
        assertEquals(Map.of("type", "redirect_to_url", "url", "https://pay.example/p?t=1", "return_url",
                "https://payrail.example/r/1"), action);
        assertFalse(NextActions.redirectToUrl("https://pay.example/p", null).containsKey("return_url"));
    }
}
