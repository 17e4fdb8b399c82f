package dev.payrail.connector.braintree;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * One Braintree account as a call uses it: the merchant id of the paths, the Basic credential
 * {@code public_key:private_key}, and the merchant account to charge per currency (optional: the
 * account's default merchant account otherwise). Never printed with its keys.
 *
 * @param defaultCurrency  the currency of the account's default merchant account: the only one
 *                         charged without a merchant account of its own
 *
 * @param merchantAccounts currency (upper case) to merchant account id
 */
record BraintreeAuth(String merchantId, String publicKey, String privateKey, Map<String, String> merchantAccounts,
        String defaultCurrency) {

    String header() {
        return "Basic " + Base64.getEncoder().encodeToString((publicKey + ":" + privateKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The merchant account for the currency, or {@code null}: the account's default. */
    String merchantAccount(String currency) {
        return merchantAccounts.get(currency.toUpperCase(Locale.ROOT));
    }

    /**
     * Whether a sale in this currency has a merchant account to go to: its own, or the default one
     * when that is in this currency (Braintree charges in the merchant account's currency, so a sale
     * without one would be charged in the wrong currency).
     */
    boolean charges(String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        return merchantAccounts.containsKey(c) || c.equalsIgnoreCase(defaultCurrency);
    }

    /**
     * {@code merchant_account_ids} as a merchant stores it: {@code USD=acct_usd,EUR=acct_eur}.
     *
     * @throws IllegalArgumentException when an entry is not {@code CUR=id}
     */
    static Map<String, String> merchantAccounts(String spec) {
        if (spec == null || spec.isBlank()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=", 2);
            if (kv.length != 2 || !kv[0].trim().matches("[A-Za-z]{3}") || !kv[1].trim().matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("merchant_account_ids must be CUR=merchant_account_id entries separated by commas");
            }
            out.put(kv[0].trim().toUpperCase(Locale.ROOT), kv[1].trim());
        }
        return Map.copyOf(out);
    }

    @Override
    public String toString() {
        return "BraintreeAuth[" + merchantId + "]";
    }
}
