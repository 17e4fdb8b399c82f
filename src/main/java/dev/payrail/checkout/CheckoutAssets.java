package dev.payrail.checkout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * The checkout's static files, read once from {@code checkout-web/} on the classpath: the page's
 * script and styles, and checkout.js with its Subresource Integrity hash (sha384).
 */
final class CheckoutAssets {

    record Asset(byte[] body, String type, String integrity) {
    }

    static final Asset SDK = load("checkout.js", "text/javascript; charset=utf-8");
    static final Map<String, Asset> PAGE = Map.of(
            "checkout-page.js", load("checkout-page.js", "text/javascript; charset=utf-8"),
            "checkout.css", load("checkout.css", "text/css; charset=utf-8"));

    private CheckoutAssets() {
    }

    private static Asset load(String name, String type) {
        try (InputStream in = CheckoutAssets.class.getClassLoader().getResourceAsStream("checkout-web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("checkout-web/" + name + " is missing from the classpath");
            }
            byte[] body = in.readAllBytes();
            return new Asset(body, type, "sha384-" + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-384").digest(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
