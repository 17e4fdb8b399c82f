package dev.payrail.connector.alipay;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** Key pairs and ids for Alipay tests: base64 PKCS#8 / X.509 as Alipay's key tool writes them. */
final class AlipayTestKeys {

    record Pair(String privateKey, String publicKey) {
    }

    private AlipayTestKeys() {
    }

    static Pair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            return new Pair(Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 16-digit id starting with {@code prefix} that fails the Luhn check (never taken for a card number). */
    static String id(String prefix) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < 16) {
            sb.append(r.nextInt(10));
        }
        if (luhn(sb)) {
            sb.setCharAt(15, (char) ('0' + (sb.charAt(15) - '0' + 1) % 10));
        }
        return sb.toString();
    }

    private static boolean luhn(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
