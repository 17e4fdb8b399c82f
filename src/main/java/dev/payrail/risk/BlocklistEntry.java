package dev.payrail.risk;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.payrail.common.ApiException;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One block-list entry of a merchant: a card fingerprint (as shown on the merchant's payments), an e-mail
 * address (compared without case), a client IP (IPv4 or IPv6, compared in canonical form) or a BIN (the
 * card's first six digits).
 */
public record BlocklistEntry(String id, String object, String merchantId, String type, String value, String note,
        Instant createdAt) {

    static final String COLUMNS = "id, merchant_id, type, value, note, created_at";
    static final Set<String> TYPES = Set.of("card_fingerprint", "email", "ip", "bin");

    private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,63}");
    private static final Pattern BIN = Pattern.compile("[0-9]{6}");
    private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    static BlocklistEntry from(Row r) {
        return new BlocklistEntry(r.getString("id"), "blocklist_entry", r.getString("merchant_id"), r.getString("type"),
                r.getString("value"), r.getString("note"), r.getOffsetDateTime("created_at").toInstant());
    }

    /** The type, checked. */
    static String requireType(String type, String param) {
        if (type == null || !TYPES.contains(type)) {
            throw ApiException.badRequest("type must be one of card_fingerprint, email, ip, bin.", param);
        }
        return type;
    }

    /** The value in the form it is stored and compared in, or {@code 400}. */
    static String normalize(String type, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("value is required.", "value");
        }
        String v = value.trim();
        return switch (type) {
            case "card_fingerprint" -> require(FINGERPRINT.matcher(v).matches(), v,
                    "value must be a card fingerprint (43 characters, as in a payment's card.fingerprint).");
            case "email" -> email(v);
            case "ip" -> ip(v);
            case "bin" -> require(BIN.matcher(v).matches(), v, "value must be a BIN: the card's first six digits.");
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** An e-mail address in the form the rules compare it, or {@code null} when {@code s} is not one. */
    static String emailOrNull(String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim().toLowerCase(Locale.ROOT);
        return v.length() <= 254 && EMAIL.matcher(v).matches() ? v : null;
    }

    private static String email(String v) {
        String e = emailOrNull(v);
        if (e == null) {
            throw ApiException.badRequest("value must be an e-mail address.", "value");
        }
        return e;
    }

    /** An IP literal in canonical form (no name lookup ever), or {@code null}. */
    static String ipOrNull(String v) {
        if (v == null || !IP_CHARS.matcher(v).matches()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(v).getHostAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String ip(String v) {
        String ip = ipOrNull(v);
        if (ip == null) {
            throw ApiException.badRequest("value must be an IPv4 or IPv6 address.", "value");
        }
        return ip;
    }

    private static String require(boolean ok, String v, String message) {
        if (!ok) {
            throw ApiException.badRequest(message, "value");
        }
        return v;
    }
}
