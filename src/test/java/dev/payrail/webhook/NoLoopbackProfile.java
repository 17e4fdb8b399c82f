package dev.payrail.webhook;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Production's SSRF policy: loopback and private targets are refused. */
public class NoLoopbackProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("payrail.webhook.allow-loopback", "false");
    }
}
