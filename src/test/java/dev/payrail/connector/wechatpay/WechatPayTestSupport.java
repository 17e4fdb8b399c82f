package dev.payrail.connector.wechatpay;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.payrail.sandbox.wechatpay.WechatPaySandbox;
import dev.payrail.support.Providers;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Merchants, payments and the payer of the WeChat Pay tests. */
final class WechatPayTestSupport {

    static final String SANDBOX_MCHID = "1900009191";
    static final String SANDBOX_APPID = "wxd678efh567hg6787";
    static final String SANDBOX_SERIAL = "3775B6A45ACD588826D15E583A95F5DD2C0D4B6E";
    static final String SANDBOX_API_V3_KEY = "payrailSandboxWechatApiV3Key0001";
    static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    private WechatPayTestSupport() {
    }

    static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    static PrivateKey sandboxMerchantKey() {
        return WechatPayKeys.privateKey(config("payrail.wechatpay.private-key"));
    }

    static PrivateKey platformKey() {
        return WechatPayKeys.privateKey(config("payrail.sandbox.wechatpay.platform-private-key"));
    }

    static String platformPublicKey() {
        return config("payrail.wechatpay.platform-public-key");
    }

    static String body(long amount, String flow, String returnUrl) {
        StringBuilder w = new StringBuilder("{\"wallet\":\"wechat_pay\"");
        if (flow != null) {
            w.append(",\"flow\":\"").append(flow).append('"');
        }
        if (returnUrl != null) {
            w.append(",\"return_url\":\"").append(returnUrl).append('"');
        }
        w.append('}');
        return "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"method\":\"wallet\",\"provider\":\"wechat_pay\",\"wallet\":"
                + w + "}";
    }

    static JsonPath pay(Providers.Merchant m, String body) {
        return m.api().body(body).post("/api/v1/payments").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath read(Providers.Merchant m, String id) {
        return m.api().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** The token the payer page of a code_url or h5_url is reached by. */
    static String token(String url) {
        String query = URI.create(url).getRawQuery();
        for (String kv : query.split("&")) {
            if (kv.startsWith("pr=") || kv.startsWith("prepay_id=")) {
                return kv.substring(kv.indexOf('=') + 1);
            }
        }
        throw new AssertionError("no token in " + url);
    }

    /** The payer opens the page (it must show the order) and presses a button. */
    static String payer(String url, String action, int expected) {
        RestAssured.given().get(url).then().statusCode(200);
        return RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("action", action)
                .post("/sandbox/wechatpay/payer/" + token(url)).then().statusCode(expected).extract().asString();
    }

    /** A merchant's own WeChat Pay account: keys made here, known to the emulator, stored through the API. */
    record Own(String mchid, String serial, KeyPair keys, String apiV3Key) {
    }

    static Own ownAccount(WechatPaySandbox sandbox, Providers.Merchant m) {
        KeyPair keys = rsa();
        String mchid = "19" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String serial = ("S" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)).toUpperCase();
        String apiV3Key = ("k" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36)
                + "abcdefghijklmnopqrstuvwxyzabcdef").substring(0, 32);
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        sandbox.register(mchid, SANDBOX_APPID, serial, publicKey, apiV3Key);
        String privatePem = "-----BEGIN PRIVATE KEY-----\\n"
                + String.join("\\n", Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).split("(?<=\\G.{64})"))
                + "\\n-----END PRIVATE KEY-----\\n";
        String body = "{\"mchid\":\"" + mchid + "\",\"appid\":\"" + SANDBOX_APPID + "\",\"merchant_serial_no\":\"" + serial
                + "\",\"private_key\":\"" + privatePem + "\",\"api_v3_key\":\"" + apiV3Key
                + "\",\"platform_public_key\":\"" + platformPublicKey() + "\",\"platform_serial_no\":\"" + PLATFORM_SERIAL
                + "\"}";
        m.api().body(body).put("/api/v1/providers/wechat_pay/credentials").then().statusCode(200);
        return new Own(mchid, serial, keys, apiV3Key);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
