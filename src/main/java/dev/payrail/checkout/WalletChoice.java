package dev.payrail.checkout;

import java.util.List;
import java.util.Map;

/**
 * A wallet on the checkout page: the method's value ({@code wallet:alipay}) and the provider's own
 * name as payers know it (a brand, not translated).
 */
public record WalletChoice(String value, String label) {

    private static final Map<String, String> BRANDS = Map.of("wechat_pay", "WeChat Pay", "alipay", "Alipay",
            "pagadito", "Pagadito", "paypal", "PayPal");

    /** The wallets among the page's methods, in their order. */
    static List<WalletChoice> of(List<String> methods) {
        return methods.stream().filter(m -> m.startsWith(CheckoutService.WALLET_PREFIX)).map(m -> {
            String provider = m.substring(CheckoutService.WALLET_PREFIX.length());
            return new WalletChoice(m, BRANDS.getOrDefault(provider, provider));
        }).toList();
    }
}
