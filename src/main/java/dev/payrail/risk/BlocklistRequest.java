package dev.payrail.risk;

/**
 * {@code POST /api/v1/risk/blocklist}.
 *
 * @param type  {@code card_fingerprint}, {@code email}, {@code ip} or {@code bin}
 * @param value the fingerprint, address, IP or six-digit BIN
 * @param note  the merchant's own note (at most 500 characters)
 */
public record BlocklistRequest(String type, String value, String note) {
}
