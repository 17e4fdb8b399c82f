package dev.payrail.connector;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What a connector whose provider has a disputes API offers: evidence and conceding. A connector
 * without it leaves disputes to the provider's dashboard ({@code 422 OPERATION_NOT_SUPPORTED}).
 */
public interface DisputeOperations {

    /**
     * Sends evidence (Stripe's evidence field names, text values or file ids); {@code submit}
     * submits it for review, otherwise it is staged.
     *
     * @param merchantId whose provider account to use; {@code null}: the platform's
     */
    Uni<Answer> submitEvidence(String merchantId, String disputeId, Map<String, String> evidence, boolean submit);

    /** Concedes the dispute: it becomes lost. */
    Uni<Answer> accept(String merchantId, String disputeId);

    /** The provider's dispute after the call, or why it refused ({@code dispute} is then {@code null}). */
    record Answer(DisputeDetails dispute, String errorCode, String message) {

        public static Answer refused(String code, String message) {
            return new Answer(null, code, message);
        }

        public boolean ok() {
            return dispute != null;
        }
    }
}
