package dev.payrail.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a production start refuses, decided from plain inputs (unit-tested without Quarkus; the
 * start-up observer is {@link ProductionSafetyCheck}). Outside the {@code dev}, {@code test} and
 * {@code sandbox} profiles Payrail does not start when:
 * <ul>
 * <li>a fake connector (the simulator) is present — the artifact is the sandbox flavour;
 * <li>{@code payrail.routing.default-order} names a fake or an unknown connector;
 * <li>a connector that calls its provider over HTTP has no base URL, or one on this machine
 * (loopback) or under {@code /sandbox/} — production never falls back to an emulator;
 * <li>a secret holds a value committed to this repository ({@link #COMMITTED_SECRETS}).
 * </ul>
 * Each refusal is one sentence that names the setting to change.
 */
public final class ProductionSafety {

    /** Profiles in which fakes, emulators and committed secrets are expected. */
    public static final Set<String> SANDBOX_PROFILES = Set.of("dev", "test", "sandbox");

    /**
     * Secret settings and the values committed for them (application.properties and the sandbox
     * configs): known to everyone who can read the repository, so never valid in production.
     * {@code ProductionSafetyTest} checks that every committed default of these settings is listed.
     * The seeded merchant's secrets ({@link #SEED_SECRETS}) count only when seeding is on: it is off
     * in production unless explicitly enabled, and then the merchant needs secrets of its own.
     */
    public static final Map<String, Set<String>> COMMITTED_SECRETS = committedSecrets();

    /** The seeded merchant's secrets: checked only when {@code payrail.seed.enabled} is true. */
    public static final Set<String> SEED_SECRETS = Set.of("payrail.seed.api-secret", "payrail.seed.webhook-secret",
            "payrail.dashboard.seed-admin-password");

    /** The prefix of the provider credential keys ({@code payrail.credentials.keys.<id>}). */
    public static final String CREDENTIAL_KEYS = "payrail.credentials.keys.";
    static final Set<String> COMMITTED_CREDENTIAL_KEYS = Set.of("ZGV2LW9ubHktcHJvdmlkZXItY3JlZGVudGlhbC1rZXk=");

    /** The Alipay emulator's sandbox app private key (application.properties, dev/test/sandbox). */
    static final String ALIPAY_SANDBOX_APP_KEY = ""
            + "MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQC/t1gCm6UWWlksZWEp5kOrvZ86AbTqtkSe2T0h3patds25"
            + "psrAaqZ9Ai/ztPmIdgkvaIJIKHqvkky9ne5s6BA9SsoC/MdK7UB03V/aiErCd3HBZCEmLYzvWlTOfS5dognlFoMKKyhKd3G4"
            + "Maf4PKw8IDrpDbG4GQNig1yanGt+Hz+eQ9jyAXf3KZg7WtbE3J7r14s84LtSrthhH0V/yfu+3w2OFCHb2nV7+otyTQroLZLO"
            + "+Gh0qIF4rdUY1YXHjA2idLjebm99KTuN7c0j5fuTj7K/iqBWO6MhV81hnz2k/61GkFkiB16q6Cy0egIqciLqbt5CalRmDDSF"
            + "mamOs88vAgMBAAECggEAA4KUvghIF5nHRZZRMJl/X+IXy7gwFH09nv24Ox04FTkphbG/LZJ/6NlrTYl6aU9/IvSSMHlsdNF3"
            + "Z6AmhBNXOyzaEcyIZsYWprnoFHhOJU0j8osyrJNeuYHyyPMNMCt60rLWUSkLUrQcJQF+I0ytFJuJQi7jgMziChUAn/FBA8aZ"
            + "7WMRGzvXfzzpg08/Vo1SSN2qV96yaq0lBF/FvU4cisEjrgEp4srnMn3vJAUjaL6ZFvTOx1tFJLTlxVfghW6DMtAd3bb6OepU"
            + "/kBtJMqkhUbFnPA9IZS3dDoOYtDqrABVyZYFmpS/ju+M1akiVFoCEPpF06iP5V5h3lxNu3L+QQKBgQD3exnO2M2o3Je1ZP/o"
            + "2A3ucrvfLe6MQxX/w7/DBi2uX/tmQcE8uBxErYsMsmnarNYNfNz6aMNVyKdepSro8L8moBl9sQ+vYwr1cM4wDMHQEiexY7PO"
            + "9tNcL8DXKTMzZGr+t6p/2jXuCogXG67+0qs+xChS0N1p6CL/vJaNBGN1QQKBgQDGUNKWlwxEuoRpq6wOgP0FeZEZPnNkYhDF"
            + "r76uxYKP4STjlPB0+A0MIeRMQlW1hBJdy+jsFKHWScHgB9Qd9RFWx0a2FQR5CUs0LKa62VuTGs6sDwsCkTbxYXKPtgrnYwkW"
            + "sLu8Q6AVW7eWArUKPLdKmpCeiCWOncTX3JUWfb34bwKBgFOKd5TOtOX6yS+Pj5+fR1yl2GunSq6IeuWiw5nm/QavGeNT8RI5"
            + "KDm6x4SauYb67ysQalwRf1b27CDT6p9FnZFBXDmEysGu0mU2FjQ8KjS93C5SdME5qvGkoRlArCr+C+w+Pcz48VmQro32Z2VX"
            + "4jzG5MHIBeYZWa8wjzW9NIHBAoGAaGmbRpAGdJUjLCOntgcxsFU+EOVxibOcEwkhwxDYWfp3Gp+LLnp/HBkoAwKV77i2ls3K"
            + "N6nxP0qcGeDlTFSAKYlH8IwGS9eZ0cGEkzHnZf8iOzK8YECmhdYBpCp7eTIKUfkBDvEn8rbUZNXODbLD6jKQ2/bgl0L3pZNM"
            + "p4fSol8CgYAX1P/jHm2/c4/Y/6ZChqv9gnf15hJhCNowBhxIL7dGdIxNEuFKxXYAYGDAOqkoy7nED5ioT54QTBHM34U1YROX"
            + "bdRQj6YStYljSkUFtRi4wnyMVOdUVpKQlfmEbzSCiY1JOItOHvahpL5cPpvdVyx7hne7DrkvYX5Bxyr2YJEpkQ==";
    /** The WeChat Pay sandbox account's merchant private key (application.properties, dev/test/sandbox). */
    static final String WECHATPAY_SANDBOX_PRIVATE_KEY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCmxyfBxiNP2Hr7yIR/SuHDAYGQKuhGiTGqjFaItYhHSciZ"
            + "lMIs17/Ys13TWWTAu7Q40YSZJyuZyC52qloXD3uATpHNjXlEE7vh+b0VWlHMaW4d3q/2YvZNjMdCTuXBEfCSj94JBsj72zq1"
            + "2gYNSNwPKzo2rn3eve8gPBMRvkiSivXxghaHWrb+NnlRIhBXRBpPhqgoTlLHuXvTN015ZvFCMgxvhZ6IqQZ3arkzbjORvbnD"
            + "liKu6+urQDz4lPnKfHS0l4swY+W9LOcnaz/IAo9Bd10i3ZcSgH+E9i/c/0dB8U53fhtPbXZNiJk6ZLv9MkCrMC6W3sTFdzpV"
            + "RRrO3MCTAgMBAAECggEAA05BQHr/6i49Sc5QqgE+9lGKUuQ21GcVv+6mLHGEsP0KZ9jl/GOOXuo3OuAzugo+aT3l5e870wF/"
            + "wkRgIsLgzMtB4pQiSjIl8DW2BL1Uj7urPhZS4IxXm3Pl4y+TKD+FyDHn0b/7rdpLkJ0wr4S5L+fIcJsGzapwGfB25EwkPhtQ"
            + "zcGcQbeSHOR77DlJOjy1QpakdkuaauxZn8BStAhf2tJZmDGoP3EBEwJAd//M/LdA/R8yQAuFdJ/Js1hYLap7glhAQUv2fQ++"
            + "CoyC+BqZ7frr+UNNFix+JvGRNtWQF5W/8VUiK+jRFbmQ7tEibXYZLeNpbYmWGCWCoTATULtqSQKBgQDbs0BKTk5t1vw08843"
            + "aGBlCcta/aW+8F5MV6VBP1EXEgo6y1NUjbreoVdiwMtTgCElg0IXQVoYxEaeb1kHIIKcjmbDRSxOA6b0frvntQNKdcMelSZe"
            + "E438WBcqZrW9dApYZ89jhq5nV8QjUiGGqEzFLs0EK/YnnC1dh3rxt8vp5QKBgQDCVW4jEXhQ8eZZglYflHHl5DLqccojAsIl"
            + "zlovoVZRYS/RI9npl1ugo/RNh6uMmrplRgHKivqRpFDb/0XlQsaSBk/M71ASf1c4kCOEGP55TNE5MjgKZIYOnj6SSpSjZRbx"
            + "gyc6b6u/Cb2hYqHz+4SXq5Gc7ZD8/gKQyuRFtC/5FwKBgDqHJ0JkWAp08l1c8fvax4tDL7R+zA/w0v49fx3Bs2WU/bqp/foR"
            + "g83ZZ4E8YS5OfQYUUKAHXewpJbMBcNMwOvtgCEpO/D2QRYLu3DofA9BrTN6x1zXKudGW2h0GnbXp2vOwPBSEhaOsQukx8RKB"
            + "dWo2TJGm8H2e4or/E6afUyhtAoGAUX/8ka549BGPFojnz5S088HxbItOR8KXY72X6xPRnI2SvTY45JM6tTMtePpmArC9bU2f"
            + "4K7KiRwNYUY8rPqFRqZo/zx6K1fGX41rp7HHv11s/XzHLeycoDLTcQzgK2pw5daoNASzVYojQjSYUTdxkx48EkE7pi5tKwY8"
            + "F9OKrv8CgYEAv6Esekxc1QsPxu3KP8Qj4V9/m5B0uwfl1f4RMO/+gQUe9s3trdtAfD5zRx1vMOSzKo4H/6Af3XBaQMJOVgMB"
            + "9vK+ICDA5VSTucgxUH1Apvtq3yuyefTjU8eaMpQFkofRiTLRQCQPH0imKyg0mcytGsJ7siM7JMv3YdEzyWR9/nU=";

    private static Map<String, Set<String>> committedSecrets() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("payrail.admin.token", Set.of("admin_dev_token", "admin_sandbox_token", "test-admin-token"));
        m.put("payrail.seed.api-secret", Set.of("secret_test_xyz789"));
        m.put("payrail.seed.webhook-secret", Set.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        m.put("payrail.dashboard.seed-admin-password", Set.of("payrail-dev-admin"));
        m.put("payrail.card.fingerprint-key", Set.of("dev-only-card-fingerprint-key-change-me"));
        m.put("payrail.idempotency.fingerprint-key", Set.of("dev-only-card-fingerprint-key-change-me"));
        m.put("payrail.webhook.secret-key", Set.of("ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQta2V5LTMyYnk="));
        m.put("payrail.simulator.webhook.secret", Set.of("simulator_webhook_secret_dev_only"));
        m.put("payrail.stripe.secret-key", Set.of("sk_test_payrail_sandbox"));
        m.put("payrail.stripe.webhook-secret", Set.of("whsec_payrail_sandbox_stripe_signing_secret"));
        m.put("payrail.paypal.client-id", Set.of("payrail-sandbox-client"));
        m.put("payrail.paypal.client-secret", Set.of("payrail-sandbox-secret"));
        m.put("payrail.paypal.webhook-id", Set.of("WHPAYRAILSANDBOX0001"));
        m.put("payrail.razorpay.key-secret", Set.of("payrail_sandbox_razorpay_key_secret"));
        m.put("payrail.razorpay.webhook-secret", Set.of("payrail_sandbox_razorpay_webhook_secret"));
        m.put("payrail.airwallex.api-key", Set.of("payrail_sandbox_api_key"));
        m.put("payrail.airwallex.webhook-secret", Set.of("whsec_payrail_sandbox_airwallex"));
        m.put("payrail.braintree.private-key", Set.of("payrail_sandbox_braintree_private_key"));
        m.put("payrail.pagadito.wsk", Set.of("payrail_sandbox_pagadito_wsk"));
        m.put("payrail.alipay.private-key", Set.of(ALIPAY_SANDBOX_APP_KEY));
        m.put("payrail.wechatpay.api-v3-key", Set.of("payrailSandboxWechatApiV3Key0001"));
        m.put("payrail.wechatpay.private-key", Set.of(WECHATPAY_SANDBOX_PRIVATE_KEY));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A connector as the check sees it. */
    public record Connector(String name, boolean sandboxOnly, boolean remote, Optional<String> baseUrl) {

        /** A connector that needs no base URL (bank transfers) or a fake. */
        public static Connector local(String name, boolean sandboxOnly) {
            return new Connector(name, sandboxOnly, false, Optional.empty());
        }

        /** A connector that calls its provider at {@code baseUrl} (empty: none configured). */
        public static Connector remote(String name, Optional<String> baseUrl) {
            return new Connector(name, false, true, baseUrl);
        }
    }

    private final List<String> profiles = new ArrayList<>();
    private final List<Connector> connectors = new ArrayList<>();
    private final List<String> defaultOrder = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private ProductionSafety() {
    }

    /** A check of a start in these active profiles. */
    public static ProductionSafety forProfiles(List<String> activeProfiles) {
        ProductionSafety s = new ProductionSafety();
        s.profiles.addAll(activeProfiles);
        return s;
    }

    public ProductionSafety connector(Connector connector) {
        connectors.add(connector);
        return this;
    }

    public ProductionSafety defaultOrder(List<String> names) {
        defaultOrder.addAll(names);
        return this;
    }

    /** A configured value of a secret setting (absent settings are simply not given). */
    public ProductionSafety setting(String name, String value) {
        if (value != null) {
            settings.put(name, value);
        }
        return this;
    }

    /** Whether fakes and committed secrets are allowed: a dev, test or sandbox profile is active. */
    public boolean sandboxProfile() {
        return profiles.stream().anyMatch(SANDBOX_PROFILES::contains);
    }

    /** Every reason to refuse this start; empty when it may go ahead. */
    public List<String> refusals() {
        List<String> out = new ArrayList<>();
        if (sandboxProfile()) {
            return out;
        }
        Map<String, Connector> byName = new LinkedHashMap<>();
        connectors.forEach(c -> byName.put(c.name(), c));
        for (Connector c : connectors) {
            if (c.sandboxOnly()) {
                out.add("Fake connector '" + c.name() + "' is present: this is the sandbox flavour (built with "
                        + "-Psandbox), which runs only with -Dquarkus.profile=sandbox. Build production without -Psandbox.");
            }
        }
        for (String name : defaultOrder) {
            Connector c = byName.get(name);
            if (c == null) {
                out.add("payrail.routing.default-order (PAYRAIL_ROUTING_DEFAULT_ORDER) names unknown connector '"
                        + name + "'; known: " + String.join(",", byName.keySet()) + ".");
            } else if (c.sandboxOnly()) {
                out.add("payrail.routing.default-order (PAYRAIL_ROUTING_DEFAULT_ORDER) names fake connector '"
                        + name + "': production must never route payments to a simulator.");
            }
        }
        for (Connector c : connectors) {
            if (c.remote()) {
                baseUrlProblem(c).ifPresent(out::add);
            }
        }
        settings.forEach((name, value) -> {
            boolean committed = name.startsWith(CREDENTIAL_KEYS) ? COMMITTED_CREDENTIAL_KEYS.contains(value)
                    : COMMITTED_SECRETS.getOrDefault(name, Set.of()).contains(value);
            if (committed) {
                out.add(name + " holds the dev-only value committed to the repository: set a secret of your own"
                        + (SEED_SECRETS.contains(name) ? " or turn seeding off (payrail.seed.enabled=false)." : "."));
            }
        });
        return out;
    }

    private static Optional<String> baseUrlProblem(Connector c) {
        if (c.baseUrl().isEmpty()) {
            return Optional.of("Connector '" + c.name() + "' has no base URL configured (" + baseUrlSetting(c.name())
                    + "): production never falls back to the local emulator.");
        }
        String url = c.baseUrl().get();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("Connector '" + c.name() + "' has a malformed base URL: " + url + ".");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        if (uri.getScheme() == null || host.isEmpty()) {
            return Optional.of("Connector '" + c.name() + "' has a malformed base URL: " + url + ".");
        }
        boolean loopback = host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.")
                || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0");
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (loopback || path.startsWith("/sandbox/") || path.equals("/sandbox")) {
            return Optional.of("Connector '" + c.name() + "' points at an emulator (" + url + "): set "
                    + baseUrlSetting(c.name()) + " to the provider's API.");
        }
        return Optional.empty();
    }

    /** The setting that holds a connector's base URL, for the messages. */
    static String baseUrlSetting(String connector) {
        return switch (connector) {
            case "stripe" -> "quarkus.rest-client.stripe.url / PAYRAIL_STRIPE_BASE_URL";
            case "paypal" -> "quarkus.rest-client.paypal.url / PAYPAL_API_URL";
            case "razorpay" -> "quarkus.rest-client.razorpay.url / PAYRAIL_RAZORPAY_BASE_URL";
            case "airwallex" -> "quarkus.rest-client.airwallex.url / PAYRAIL_AIRWALLEX_BASE_URL";
            case "braintree" -> "quarkus.rest-client.braintree.url / PAYRAIL_BRAINTREE_BASE_URL";
            case "alipay" -> "quarkus.rest-client.alipay.url / PAYRAIL_ALIPAY_BASE_URL";
            case "wechat_pay" -> "quarkus.rest-client.wechatpay.url / PAYRAIL_WECHATPAY_BASE_URL";
            default -> "quarkus.rest-client." + connector + ".url";
        };
    }
}
