package dev.payrail.connector.wechatpay;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * WeChat Pay's key material as merchants download it: the merchant API private key
 * ({@code apiclient_key.pem}, PKCS#8 {@code BEGIN PRIVATE KEY}), and the platform's verification key
 * as a WeChat Pay public key ({@code BEGIN PUBLIC KEY}, the "public key id" mode) or a platform
 * certificate ({@code BEGIN CERTIFICATE}, the legacy mode). PEM armour is optional: the bare base64
 * of the DER (one line, as configuration files hold it) is read the same way.
 */
public final class WechatPayKeys {

    private WechatPayKeys() {
    }

    /** The merchant's RSA private key; {@link IllegalArgumentException} when it is not one. */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key");
        }
    }

    /** An RSA public key, from a public key or from a certificate; {@link IllegalArgumentException} otherwise. */
    public static PublicKey publicKey(String pem) {
        try {
            if (pem != null && pem.contains("BEGIN CERTIFICATE")) {
                return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der(pem)))
                        .getPublicKey();
            }
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key or certificate");
        }
    }

    /** The public key as one line of base64 (X.509 SubjectPublicKeyInfo DER). */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] der(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no key");
        }
        StringBuilder b64 = new StringBuilder(pem.length());
        for (String line : pem.split("\\R|\\\\n")) {
            String l = line.trim();
            if (!l.startsWith("-----")) {
                b64.append(l);
            }
        }
        return Base64.getMimeDecoder().decode(b64.toString());
    }
}
