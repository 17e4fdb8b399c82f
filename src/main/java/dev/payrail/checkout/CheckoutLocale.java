package dev.payrail.checkout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The checkout's languages: English, Spanish, Simplified Chinese and Hindi. The SDK's {@code locale}
 * option wins; {@code auto} (or none) follows {@code Accept-Language}; anything else is English.
 */
public final class CheckoutLocale {

    /** The bundle locale and the page's {@code lang}. */
    public record Choice(Locale bundle, String lang) {
    }

    private static final Choice EN = new Choice(Locale.ENGLISH, "en");
    private static final Choice ES = new Choice(Locale.forLanguageTag("es"), "es");
    private static final Choice ZH = new Choice(Locale.forLanguageTag("zh"), "zh-Hans");
    private static final Choice HI = new Choice(Locale.forLanguageTag("hi"), "hi");

    private CheckoutLocale() {
    }

    public static Choice choose(String requested, String acceptLanguage) {
        if (requested != null && !requested.isBlank() && !"auto".equalsIgnoreCase(requested)) {
            Choice c = match(requested);
            return c != null ? c : EN;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    Choice c = match(range.getRange());
                    if (c != null) {
                        return c;
                    }
                }
            } catch (IllegalArgumentException e) {
                return EN;
            }
        }
        return EN;
    }

    private static Choice match(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.equals("en") || t.startsWith("en-")) {
            return EN;
        }
        if (t.equals("es") || t.startsWith("es-")) {
            return ES;
        }
        // Simplified Chinese only: zh, zh-CN, zh-SG, zh-Hans(-*).
        if (t.equals("zh") || t.equals("zh-cn") || t.equals("zh-sg") || t.startsWith("zh-hans")) {
            return ZH;
        }
        if (t.equals("hi") || t.startsWith("hi-")) {
            return HI;
        }
        return null;
    }

    /** The texts the page script shows, in the chosen language. */
    public static Map<String, String> scriptMessages(Choice choice) {
        CheckoutMessages m = choice == EN ? MessageBundles.get(CheckoutMessages.class)
                : MessageBundles.get(CheckoutMessages.class, Localized.Literal.of(choice.bundle().toLanguageTag()));
        Map<String, String> out = new LinkedHashMap<>();
        List.of(
                Map.entry("processing", m.processing()), Map.entry("success", m.success()),
                Map.entry("successDetail", m.successDetail()), Map.entry("failure", m.failure()),
                Map.entry("retry", m.retry()), Map.entry("challengeTitle", m.challengeTitle()),
                Map.entry("challengeHelp", m.challengeHelp()), Map.entry("challengeFrame", m.challengeFrame()),
                Map.entry("challengeOpen", m.challengeOpen()), Map.entry("upiTitle", m.upiTitle()),
                Map.entry("upiHelp", m.upiHelp()), Map.entry("qrTitle", m.qrTitle()), Map.entry("qrAlt", m.qrAlt()),
                Map.entry("qrExpires", m.qrExpires()), Map.entry("redirectTitle", m.redirectTitle()),
                Map.entry("redirectButton", m.redirectButton()), Map.entry("errNumber", m.errNumber()),
                Map.entry("errExpiry", m.errExpiry()), Map.entry("errCvc", m.errCvc()), Map.entry("errVpa", m.errVpa()),
                Map.entry("errNetwork", m.errNetwork()), Map.entry("errRateLimited", m.errRateLimited()),
                Map.entry("errForm", m.errForm()), Map.entry("orderPaid", m.orderPaid()), Map.entry("close", m.close()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
