package dev.payrail.dispute;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.payrail.common.ApiException;
import dev.payrail.connector.ConnectorRegistry;
import dev.payrail.connector.DisputeDetails;
import dev.payrail.connector.DisputeOperations;
import dev.payrail.connector.PaymentConnector;
import io.smallrye.mutiny.Uni;

/**
 * The merchant's answers to a dispute: evidence (stored, and sent to the provider where its API
 * takes it) and acceptance. The provider's answer is recorded with its {@code dispute.updated} or
 * {@code dispute.closed} event; the provider's own events about it later change nothing more.
 */
@Singleton
public class DisputeActions {

    private final DisputeStore disputes;
    private final ConnectorRegistry connectors;

    DisputeActions(DisputeStore disputes, ConnectorRegistry connectors) {
        this.disputes = disputes;
        this.connectors = connectors;
    }

    Uni<Dispute> evidence(String merchantId, String id, EvidenceRequest request) {
        if (request == null) {
            return Uni.createFrom().failure(ApiException.badRequest("A body with evidence is required.", "evidence"));
        }
        boolean submit = Boolean.TRUE.equals(request.submit());
        return require(merchantId, id).chain(d -> {
            if (d.closed() || d.evidenceSubmittedAt() != null || DisputeDetails.UNDER_REVIEW.equals(d.status())
                    || DisputeDetails.WARNING_UNDER_REVIEW.equals(d.status())) {
                throw ApiException.invalidState("dispute", d.status(), "add evidence to");
            }
            Map<String, String> evidence = DisputeEvidence.merged(d.evidence(), request.evidence());
            DisputeOperations ops = operations(d);
            if (ops == null) {
                if (submit) {
                    throw unsupported(d, "submitting evidence");
                }
                return disputes.answered(d, null, evidence, false, now());
            }
            return ops.submitEvidence(d.credentialsOf(), d.providerDisputeId(), evidence, submit)
                    .onFailure(t -> !(t instanceof ApiException)).transform(DisputeActions::unavailable)
                    .chain(answer -> {
                        if (!answer.ok()) {
                            throw refused(d, answer);
                        }
                        return disputes.answered(d, answer.dispute(), evidence, submit, now());
                    });
        });
    }

    Uni<Dispute> accept(String merchantId, String id) {
        return require(merchantId, id).chain(d -> {
            if (d.closed()) {
                throw ApiException.invalidState("dispute", d.status(), "accept");
            }
            DisputeOperations ops = operations(d);
            if (ops == null) {
                throw unsupported(d, "accepting disputes");
            }
            return ops.accept(d.credentialsOf(), d.providerDisputeId())
                    .onFailure(t -> !(t instanceof ApiException)).transform(DisputeActions::unavailable)
                    .chain(answer -> {
                        if (!answer.ok()) {
                            throw refused(d, answer);
                        }
                        return disputes.answered(d, answer.dispute(), null, false, now());
                    });
        });
    }

    private Uni<Dispute> require(String merchantId, String id) {
        return disputes.find(merchantId, id).onItem().ifNull().failWith(() -> ApiException.notFound("dispute"));
    }

    private DisputeOperations operations(Dispute d) {
        PaymentConnector c = connectors.get(d.provider());
        return c instanceof DisputeOperations ops ? ops : null;
    }

    private static ApiException unsupported(Dispute d, String what) {
        return new ApiException(422, "OPERATION_NOT_SUPPORTED", "Payrail does not offer " + what + " with provider "
                + d.provider() + ": answer this dispute in " + dashboardOf(d.provider()) + ".", null)
                .with("provider", d.provider());
    }

    /** Where a merchant answers a dispute that Payrail cannot send to its provider. */
    private static String dashboardOf(String provider) {
        return switch (provider) {
            case "braintree" -> "the Braintree Control Panel (Disputes)";
            default -> "the provider's dashboard";
        };
    }

    private static ApiException refused(Dispute d, DisputeOperations.Answer answer) {
        return new ApiException(422, "PROVIDER_REJECTED", "Provider " + d.provider() + " refused the request: "
                + (answer.message() == null ? answer.errorCode() : answer.message()), null)
                .with("provider", d.provider()).with("provider_error_code", answer.errorCode());
    }

    private static Throwable unavailable(Throwable t) {
        return new ApiException(503, "PROVIDER_UNAVAILABLE",
                "The provider did not answer; nothing was recorded here. Retry later (the same request is safe to repeat).", null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
