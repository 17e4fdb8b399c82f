package dev.payrail.dashboard.page;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.DashboardPages;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.query.PaymentTimeline;
import dev.payrail.money.Currencies;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.refund.CreateRefundRequest;
import dev.payrail.refund.RefundFlow;
import dev.payrail.risk.RiskAssessment;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * One payment: amounts, status, masked method, provider, risk and 3-D Secure when the payment has them,
 * its timeline ({@link PaymentTimeline}); and capture, cancel and refund through the API's services
 * ({@link PaymentOrchestrator}, {@link RefundFlow}), each under the idempotency key its form carries
 * ({@link PaymentActions}), permission-checked and audited. Another merchant's payment is a 404 page.
 */
@Path("/dashboard/payments/{id}")
@Produces(MediaType.TEXT_HTML)
public class PaymentDetailResource {

    /** A labelled value. */
    public record Field(String name, String value) {
    }

    /** One timeline line. */
    public record Line(String at, String kind, String id, String summary) {

        /** The CSS class of its row: {@code tl-webhook-delivery}. */
        public String css() {
            return "tl-" + kind.replace(' ', '-');
        }
    }

    private final Template detail;
    private final Template missing;
    private final DashboardPages pages;
    private final CurrentUser me;
    private final PaymentOrchestrator orchestrator;
    private final RefundFlow refunds;
    private final PaymentTimeline timeline;
    private final PaymentActions actions;

    PaymentDetailResource(@Location("dashboard/payment.html") Template detail,
            @Location("dashboard/payment-missing.html") Template missing, DashboardPages pages, CurrentUser me,
            PaymentOrchestrator orchestrator, RefundFlow refunds, PaymentTimeline timeline, PaymentActions actions) {
        this.detail = detail;
        this.missing = missing;
        this.pages = pages;
        this.me = me;
        this.orchestrator = orchestrator;
        this.refunds = refunds;
        this.timeline = timeline;
        this.actions = actions;
    }

    @GET
    @Requires(Permission.READ)
    public Uni<Response> page(@PathParam("id") String id, @QueryParam("done") String done) {
        String notice = switch (done == null ? "" : done) {
            case "refund" -> "Refund submitted.";
            case "capture" -> "Capture submitted.";
            case "cancel" -> "Cancellation submitted.";
            default -> null;
        };
        return render(id, 200, notice, null);
    }

    @POST
    @Path("/refund")
    @Requires(Permission.REFUND)
    public Uni<Response> refund(@PathParam("id") String id, @RestForm String amount, @RestForm String reason,
            @RestForm(PaymentActions.FIELD) String key) {
        return find(id).chain(p -> {
            if (p == null) {
                return notFound(id);
            }
            long minor;
            String why;
            String idempotencyKey;
            try {
                idempotencyKey = PaymentActions.requireKey(key);
                why = reason == null ? "" : reason.strip();
                if (why.isEmpty()) {
                    throw ApiException.badRequest("A reason is required.", "reason");
                }
                minor = amount(amount, p.currency(), true);
            } catch (ApiException e) {
                return render(id, e.status(), null, e);
            }
            String fingerprint = actions.fingerprint("refund", id, minor + "\n" + why);
            return actions.run(me.merchantId(), idempotencyKey, fingerprint,
                    () -> refunds.create(me.merchantId(), id, new CreateRefundRequest(minor, why), idempotencyKey, fingerprint)
                            .map(r -> new PaymentActions.Outcome(r.id(), r.status(), null, false)))
                    .chain(o -> finish(id, "refund", o, PaymentRows.money(minor, p.currency()) + ": " + why));
        });
    }

    @POST
    @Path("/capture")
    @Requires(Permission.CAPTURE)
    public Uni<Response> capture(@PathParam("id") String id, @RestForm String amount,
            @RestForm(PaymentActions.FIELD) String key) {
        return find(id).chain(p -> {
            if (p == null) {
                return notFound(id);
            }
            Long minor;
            String idempotencyKey;
            try {
                idempotencyKey = PaymentActions.requireKey(key);
                minor = amount == null || amount.isBlank() ? null : amount(amount, p.currency(), false);
            } catch (ApiException e) {
                return render(id, e.status(), null, e);
            }
            String fingerprint = actions.fingerprint("capture", id, minor == null ? "" : minor.toString());
            return actions.run(me.merchantId(), idempotencyKey, fingerprint,
                    () -> orchestrator.capture(me.merchantId(), id, minor)
                            .map(c -> new PaymentActions.Outcome(c.id(), c.status().publicName(), null, false)))
                    .chain(o -> finish(id, "capture", o,
                            minor == null ? "all authorized" : PaymentRows.money(minor, p.currency())));
        });
    }

    @POST
    @Path("/cancel")
    @Requires(Permission.CANCEL)
    public Uni<Response> cancel(@PathParam("id") String id, @RestForm(PaymentActions.FIELD) String key) {
        return find(id).chain(p -> {
            if (p == null) {
                return notFound(id);
            }
            String idempotencyKey;
            try {
                idempotencyKey = PaymentActions.requireKey(key);
            } catch (ApiException e) {
                return render(id, e.status(), null, e);
            }
            String fingerprint = actions.fingerprint("cancel", id, "");
            return actions.run(me.merchantId(), idempotencyKey, fingerprint,
                    () -> orchestrator.cancel(me.merchantId(), id)
                            .map(c -> new PaymentActions.Outcome(c.id(), c.status().publicName(), null, false)))
                    .chain(o -> finish(id, "cancel", o, "void"));
        });
    }

    /** Audits a fresh outcome and goes back to the page (303), or shows the refusal on it. */
    private Uni<Response> finish(String id, String action, PaymentActions.Outcome o, String detail) {
        if (o.error() != null) {
            Uni<Void> audit = o.replayed() ? Uni.createFrom().voidItem()
                    : me.audit("dashboard." + action + "_failed", id, detail + " (" + o.error().getMessage() + ")");
            return audit.chain(() -> render(id, o.error().status(), null, o.error()));
        }
        Uni<Void> audit = o.replayed() ? Uni.createFrom().voidItem()
                : me.audit("dashboard." + action, "refund".equals(action) ? o.objectId() : id,
                        ("refund".equals(action) ? "payment " + id + ", " : "") + detail + " → " + o.status());
        return audit.map(v -> Response.seeOther(URI.create("/dashboard/payments/" + id + "?done=" + action)).build());
    }

    /** The merchant's payment, or {@code null} (another merchant's, or no such id). */
    private Uni<Payment> find(String id) {
        return orchestrator.require(me.merchantId(), id).onFailure(ApiException.class)
                .recoverWithUni(e -> ((ApiException) e).status() == 404 ? Uni.createFrom().nullItem()
                        : Uni.createFrom().failure(e));
    }

    /** A decimal amount in the currency's major unit, as minor units; a 400 on {@code amount}. */
    static long amount(String value, String currency, boolean required) {
        String v = value == null ? "" : value.strip();
        String c = currency.strip();
        String message = "amount must be an amount in " + c + " with at most " + Currencies.exponent(c)
                + " decimals, like " + Currencies.formatMajor(1050, c) + ".";
        if (v.isEmpty() && required) {
            throw ApiException.badRequest("An amount is required.", "amount");
        }
        if (!v.matches("[0-9]{1,15}(\\.[0-9]{1,6})?")) {
            throw ApiException.badRequest(message, "amount");
        }
        try {
            long minor = Currencies.toMinor(new BigDecimal(v), c);
            if (minor <= 0) {
                throw ApiException.badRequest("amount must be above zero.", "amount");
            }
            return minor;
        } catch (ArithmeticException e) {
            throw ApiException.badRequest(message, "amount");
        }
    }

    private Uni<Response> notFound(String id) {
        return DashboardPages.html(404, pages.page(missing, "Payment not found").data("id", id.length() > 64 ? "" : id));
    }

    private Uni<Response> render(String id, int status, String notice, ApiException error) {
        return find(id).chain(p -> {
            if (p == null) {
                return notFound(id);
            }
            return timeline.of(me.merchantId(), id)
                    .chain(t -> DashboardPages.html(status, pages.page(detail, "Payment " + p.id())
                            .data("p", p)
                            .data("summary", summary(p))
                            .data("methodDetails", fields(p.methodDetails()))
                            .data("risk", risk(p))
                            .data("tds", p.threeDSecure() == null || p.threeDSecure().isEmpty() ? null : fields(p.threeDSecure()))
                            .data("lines", t == null ? List.of() : lines(t))
                            .data("canRefund", me.can(Permission.REFUND) && p.status().isRefundable() && left(p) > 0)
                            .data("canCapture", me.can(Permission.CAPTURE) && p.status() == PaymentStatus.AUTHORIZED)
                            .data("canCancel", me.can(Permission.CANCEL) && p.status() == PaymentStatus.AUTHORIZED)
                            .data("left", Currencies.formatMajor(left(p), p.currency().strip()))
                            .data("authorized", Currencies.formatMajor(p.amountAuthorized(), p.currency().strip()))
                            .data("refundKey", PaymentActions.newKey())
                            .data("captureKey", PaymentActions.newKey())
                            .data("cancelKey", PaymentActions.newKey())
                            .data("notice", notice)
                            .data("error", error == null ? null : error.getMessage())
                            .data("errorField", error == null || error.param() == null ? "" : error.param())));
        });
    }

    private static long left(Payment p) {
        return p.amountCaptured() - p.amountRefunded() - p.amountRefundPending();
    }

    private static List<Field> summary(Payment p) {
        String c = p.currency();
        List<Field> f = new ArrayList<>();
        f.add(new Field("Status", p.status().publicName()));
        f.add(new Field("Amount", PaymentRows.money(p.amount(), c)));
        f.add(new Field("Authorized", PaymentRows.money(p.amountAuthorized(), c)));
        f.add(new Field("Captured", PaymentRows.money(p.amountCaptured(), c)));
        f.add(new Field("Refunded", PaymentRows.money(p.amountRefunded(), c)));
        if (p.amountRefundPending() > 0) {
            f.add(new Field("Refund pending", PaymentRows.money(p.amountRefundPending(), c)));
        }
        f.add(new Field("Method", p.method() == null ? "" : p.method().jsonName()));
        f.add(new Field("Provider", p.provider() == null ? "" : p.provider()));
        f.add(new Field("Provider reference", p.providerReference() == null ? "" : p.providerReference()));
        f.add(new Field("Capture", p.captureMethod()));
        f.add(new Field("Order", p.orderId() == null ? "" : p.orderId()));
        if (p.errorCode() != null) {
            f.add(new Field("Error", p.errorCode() + (p.declineCode() == null ? "" : " / " + p.declineCode())
                    + (p.errorDescription() == null ? "" : ": " + p.errorDescription())));
        }
        f.add(new Field("Created (UTC)", PaymentRows.time(p.createdAt())));
        f.add(new Field("Updated (UTC)", PaymentRows.time(p.updatedAt())));
        return f;
    }

    /** Method details as stored: already masked (brand, last 4, expiry; masked VPA), never a PAN. */
    private static List<Field> fields(Map<String, Object> map) {
        List<Field> out = new ArrayList<>();
        if (map != null) {
            map.forEach((k, v) -> out.add(new Field(k, String.valueOf(v))));
        }
        return out;
    }

    /** The fraud rules' decision as merchants see it ({@link RiskAssessment}: score, decision, rules that fired, review). */
    private static List<Field> risk(Payment p) {
        RiskAssessment r = RiskAssessment.fromStored(p.risk());
        if (r == null) {
            return null;
        }
        List<Field> out = new ArrayList<>();
        out.add(new Field("score", Integer.toString(r.score())));
        out.add(new Field("decision", r.decision()));
        if (r.review() != null) {
            out.add(new Field("review", r.review()));
        }
        for (RiskAssessment.Reason reason : r.reasons()) {
            out.add(new Field(reason.rule() + " (+" + reason.points() + ")", reason.detail() == null ? "" : reason.detail()));
        }
        return out;
    }

    private static List<Line> lines(PaymentTimeline.Timeline t) {
        return t.entries().stream().map(e -> new Line(PaymentRows.time(e.at()), kind(e.kind()), e.id(), describe(e))).toList();
    }

    private static String kind(PaymentTimeline.Kind k) {
        return switch (k) {
            case ATTEMPT -> "provider attempt";
            case REFUND -> "refund";
            case EVENT -> "event";
            case WEBHOOK_DELIVERY -> "webhook delivery";
        };
    }

    private static String describe(PaymentTimeline.Entry e) {
        Map<String, Object> d = e.details();
        return switch (e.kind()) {
            case ATTEMPT -> join(d.get("operation"), d.get("provider"), d.get("outcome"),
                    d.get("amount") == null ? null : "amount " + d.get("amount"),
                    d.get("error_code"), d.get("latency_ms") == null ? null : d.get("latency_ms") + " ms");
            case REFUND -> join(d.get("amount") == null || d.get("currency") == null ? null
                    : PaymentRows.money(((Number) d.get("amount")).longValue(), String.valueOf(d.get("currency"))),
                    d.get("status"), d.get("reason") == null ? null : "reason: " + d.get("reason"), d.get("error_code"));
            case EVENT -> join(d.get("type"), d.get("delivery_status"));
            case WEBHOOK_DELIVERY -> join(d.get("event_type"), "attempt " + d.get("attempt"), d.get("status"),
                    d.get("url"), d.get("response_status") == null ? null : "HTTP " + d.get("response_status"),
                    d.get("error"), d.get("latency_ms") == null ? null : d.get("latency_ms") + " ms");
        };
    }

    private static String join(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object o : parts) {
            if (o != null && !String.valueOf(o).isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append(" · ");
                }
                sb.append(o);
            }
        }
        return sb.toString();
    }
}
