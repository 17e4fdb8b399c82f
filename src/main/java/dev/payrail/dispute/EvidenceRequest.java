package dev.payrail.dispute;

import java.util.Map;

/**
 * {@code POST /api/v1/disputes/{id}/evidence}: evidence fields named as in Stripe's dispute
 * evidence object (text, or for the document fields a provider file id {@code file_…}), merged into
 * what was stored before; {@code submit} (default false) submits it to the provider for review,
 * after which it can no longer change.
 */
public record EvidenceRequest(Map<String, String> evidence, Boolean submit) {
}
