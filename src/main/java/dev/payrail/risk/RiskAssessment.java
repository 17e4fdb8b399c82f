package dev.payrail.risk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The fraud-rule decision made for a payment before its provider was called, as merchants see it:
 * the score (0 to 100), the decision ({@code allow}, {@code review} or {@code block}), the rules that
 * fired, and for a payment held for review its review state ({@code open}, {@code approved},
 * {@code rejected}). Never shown to the payer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskAssessment(int score, String decision, List<Reason> reasons, String review) {

    public static final String ALLOW = "allow";
    public static final String REVIEW = "review";
    public static final String BLOCK = "block";

    /** One rule that fired: its name, the points it added and what it saw. */
    public record Reason(String rule, int points, String detail) {
    }

    public boolean blocks() {
        return BLOCK.equals(decision);
    }

    public boolean inReview() {
        return REVIEW.equals(decision);
    }

    /** The JSON stored in {@code payments.risk}: this and the signals the velocity rules count. */
    public Map<String, Object> stored(Map<String, String> signals) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("decision", decision);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Reason r : reasons) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("rule", r.rule());
            one.put("points", r.points());
            one.put("detail", r.detail());
            rs.add(one);
        }
        m.put("reasons", rs);
        if (review != null) {
            m.put("review", review);
        }
        if (signals != null && !signals.isEmpty()) {
            m.put("signals", signals);
        }
        return m;
    }

    /** The assessment stored on a payment (its signals left out), or {@code null}. */
    @SuppressWarnings("unchecked")
    public static RiskAssessment fromStored(Map<String, Object> stored) {
        if (stored == null || !(stored.get("decision") instanceof String decision)) {
            return null;
        }
        List<Reason> reasons = new ArrayList<>();
        if (stored.get("reasons") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> r) {
                    Map<String, Object> m = (Map<String, Object>) r;
                    reasons.add(new Reason(String.valueOf(m.get("rule")),
                            m.get("points") instanceof Number n ? n.intValue() : 0,
                            m.get("detail") == null ? null : String.valueOf(m.get("detail"))));
                }
            }
        }
        int score = stored.get("score") instanceof Number n ? n.intValue() : 0;
        return new RiskAssessment(score, decision, List.copyOf(reasons),
                stored.get("review") instanceof String s ? s : null);
    }

    /** The review state stored on a payment: {@code open}, {@code approved}, {@code rejected}, or {@code null}. */
    public static String review(Map<String, Object> stored) {
        return stored != null && stored.get("review") instanceof String s ? s : null;
    }

    /** The stored risk with the review state changed. */
    public static Map<String, Object> withReview(Map<String, Object> stored, String review) {
        Map<String, Object> m = new LinkedHashMap<>(stored);
        m.put("review", review);
        return m;
    }
}
