package dev.payrail.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import dev.payrail.risk.RiskAssessment;

/** The fraud-rule decision of a payment, as REST shows it in {@code risk}; merchants only. */
@Type("Risk")
@Description("The fraud-rule decision made before the provider was called: score 0-100, decision allow, review or "
        + "block, the rules that fired, and for a payment held for review its review state (open, approved, rejected).")
public class RiskNode {

    private final RiskAssessment risk;

    RiskNode(RiskAssessment risk) {
        this.risk = risk;
    }

    public int getScore() {
        return risk.score();
    }

    public @NonNull String getDecision() {
        return risk.decision();
    }

    public @NonNull List<@NonNull Reason> getReasons() {
        return risk.reasons().stream().map(Reason::new).toList();
    }

    public String getReview() {
        return risk.review();
    }

    /** One rule that fired. */
    @Type("RiskReason")
    public static class Reason {

        private final RiskAssessment.Reason reason;

        Reason(RiskAssessment.Reason reason) {
            this.reason = reason;
        }

        public @NonNull String getRule() {
            return reason.rule();
        }

        public int getPoints() {
            return reason.points();
        }

        public String getDetail() {
            return reason.detail();
        }
    }
}
