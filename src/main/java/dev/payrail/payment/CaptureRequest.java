package dev.payrail.payment;

/** {@code POST /api/v1/payments/{id}/capture}: {@code amount} defaults to the authorized amount. */
public record CaptureRequest(Long amount) {
}
