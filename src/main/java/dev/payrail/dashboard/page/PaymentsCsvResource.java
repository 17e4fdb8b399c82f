package dev.payrail.dashboard.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestMulti;

import dev.payrail.common.ApiException;
import dev.payrail.dashboard.CurrentUser;
import dev.payrail.dashboard.Permission;
import dev.payrail.dashboard.Requires;
import dev.payrail.dashboard.query.PaymentCsvExport;
import dev.payrail.dashboard.query.PaymentFilter;
import dev.payrail.dashboard.query.QueryParams;
import io.smallrye.mutiny.Multi;

/** The payments list's filter ({@link PaymentFilter}, the same URL parameters) as a CSV attachment, streamed. */
@Path("/dashboard/payments.csv")
public class PaymentsCsvResource {

    private final CurrentUser me;
    private final PaymentCsvExport csv;

    PaymentsCsvResource(CurrentUser me, PaymentCsvExport csv) {
        this.me = me;
        this.csv = csv;
    }

    /**
     * The filter's payments as CSV, streamed page by page ({@link PaymentCsvExport}), as an attachment.
     * A bad filter is a 400 (text) naming the parameter; nothing is exported.
     */
    @GET
    @Produces("text/csv")
    @Requires(Permission.READ)
    public RestMulti<String> csv(@Context UriInfo uri) {
        PaymentFilter filter;
        try {
            filter = PaymentFilter.fromQuery(QueryParams.single(uri.getQueryParameters()));
        } catch (ApiException e) {
            return RestMulti.fromMultiData(Multi.createFrom().item((e.param() == null ? "" : e.param() + ": ") + e.getMessage() + "\r\n"))
                    .status(e.status()).header("Cache-Control", "no-store").build();
        }
        String name = "payments-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv";
        String merchantId = me.merchantId();
        Multi<String> audited = Multi.createBy().concatenating().streams(
                me.audit("dashboard.payments_exported", null, "CSV " + filter.toQueryString()).toMulti()
                        .onItem().castTo(String.class),
                csv.export(merchantId, filter));
        return RestMulti.fromMultiData(audited)
                .status(200)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
