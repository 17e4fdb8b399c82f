package dev.payrail.refund;

/** {@code POST /api/v1/payments/{id}/refunds}: {@code amount} defaults to what is left to refund. */
public record CreateRefundRequest(Long amount, String reason) {
}
