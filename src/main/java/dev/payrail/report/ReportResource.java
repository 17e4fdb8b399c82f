package dev.payrail.report;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import dev.payrail.common.CsvCells;
import dev.payrail.merchant.CurrentMerchant;
import dev.payrail.money.Currencies;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Transactions and settlement reports of the authenticated merchant over a period
 * ({@link ReportRange}), per currency, as JSON summaries and as CSV streamed line by line.
 */
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "429", ref = "TooManyRequests")
@Path("/api/v1/reports")
@Tag(name = "Reports")
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportStore store;
    private final MoneyMovements movements;
    private final CurrentMerchant merchant;

    ReportResource(ReportStore store, MoneyMovements movements, CurrentMerchant merchant) {
        this.store = store;
        this.movements = movements;
        this.merchant = merchant;
    }

    /** The shape of {@code Report<TransactionSummary>} in the OpenAPI document (a generic type has no schema of its own). */
    record TransactionsReport(String object, String from, String to, String currency, List<TransactionSummary> data) {
    }

    /** The shape of {@code Report<SettlementLine>} in the OpenAPI document. */
    record SettlementReport(String object, String from, String to, String currency, List<SettlementLine> data) {
    }

    /** The body of a report: the period and one entry per currency (or per day, provider and currency). */
    public record Report<T>(String object, String from, String to, String currency, List<T> data) {
    }

    @Operation(summary = "Transactions summary per currency",
            description = "Per currency, amounts in minor units: payments created in [from, to) (count and counts by status); "
                    + "captured = what payments captured in it (dated by the capture); refunded = refunds processed in it; "
                    + "dispute_withdrawn and dispute_reinstated = what disputes took and gave back in it (disputes_count: "
                    + "the disputes that moved money); net = captured - refunded - dispute_withdrawn + dispute_reinstated. "
                    + "Fees are not reported (no provider fee is stored). Accept: text/csv answers with the CSV of /transactions.csv.")
    @APIResponse(responseCode = "200", description = "One summary per currency.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TransactionsReport.class), examples = @ExampleObject(name = "example", value = "{\"object\":\"transactions_report\","
                    + "\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\",\"data\":[{\"currency\":\"USD\","
                    + "\"payments_count\":3,\"captured_count\":2,\"captured\":15000,\"refunds_count\":1,\"refunded\":2500,"
                    + "\"disputes_count\":1,\"dispute_withdrawn\":5000,\"dispute_reinstated\":0,\"net\":7500,\"counts_by_status\":{\"captured\":1,\"partially_refunded\":1,\"failed\":1}}]}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/transactions")
    @Produces("application/json")
    public Uni<Report<TransactionSummary>> transactions(@Parameter(description = "Start, inclusive: ISO date or instant") @QueryParam("from") String from,
            @Parameter(description = "End, exclusive: ISO date or instant") @QueryParam("to") String to,
            @Parameter(description = "Only this currency") @QueryParam("currency") String currency) {
        ReportRange range = ReportRange.parse(from, to, currency);
        return store.transactions(merchant.id(), range).map(rows -> report("transactions_report", range, rows));
    }

    @Operation(summary = "Money movements as CSV",
            description = "One line per money movement in [from, to), oldest first, streamed page by page: a capture (when "
                    + "the payment captured), a processed refund, and a dispute_withdrawal (negative amount) or "
                    + "dispute_reinstatement (positive) when a provider reported a dispute's funds taken or given back. "
                    + "Columns: type, id, payment_id, occurred_at, provider, currency, amount_minor, amount (decimal in the "
                    + "major unit), status (the payment's, the refund's, or the dispute's now), provider_reference (for "
                    + "disputes the provider's dispute id), dispute_id.")
    @APIResponse(responseCode = "200", description = "The CSV, streamed.", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "example", value = "type,id,payment_id,occurred_at,provider,currency,amount_minor,amount,status,provider_reference,dispute_id\r\n"
                    + "capture,pay_3kq9XwV2mT8bZr,pay_3kq9XwV2mT8bZr,2026-01-15T10:00:00Z,stripe,USD,10000,100.00,disputed,pi_1,\r\n"
                    + "dispute_withdrawal,dm_7Hn2QpL4xZ9wKe,pay_3kq9XwV2mT8bZr,2026-01-20T08:00:00Z,stripe,USD,-10000,-100.00,lost,du_1,dp_4fT8mR2kW9qLzN\r\n")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/transactions.csv")
    @Produces(CSV)
    public Multi<String> transactionsCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("currency") String currency) {
        ReportRange range = ReportRange.parse(from, to, currency);
        return attachment(movements.csv(merchant.id(), range), "transactions.csv");
    }

    @Operation(summary = "Settlement report per day, provider and currency",
            description = "Per UTC day, provider and currency, in minor units: captures and gross (what payments captured that "
                    + "day), refunds processed that day, dispute_withdrawn and dispute_reinstated (what disputes took and gave "
                    + "back that day), net = gross - refunds - dispute_withdrawn + dispute_reinstated. Fees are not reported "
                    + "(no provider fee is stored). Accept: text/csv answers with the CSV of /settlement.csv.")
    @APIResponse(responseCode = "200", description = "The settlement lines.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SettlementReport.class), examples = @ExampleObject(name = "example", value = "{\"object\":\"settlement_report\","
                    + "\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-02-01T00:00:00Z\",\"data\":[{\"day\":\"2026-01-15\","
                    + "\"provider\":\"stripe\",\"currency\":\"USD\",\"captures_count\":2,\"gross\":15000,\"refunds_count\":1,"
                    + "\"refunds\":2500,\"dispute_withdrawn\":0,\"dispute_reinstated\":0,\"net\":12500}]}")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/settlement")
    @Produces("application/json")
    public Uni<Report<SettlementLine>> settlement(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("currency") String currency) {
        ReportRange range = ReportRange.parse(from, to, currency);
        return store.settlement(merchant.id(), range).map(rows -> report("settlement_report", range, rows));
    }

    @Operation(summary = "Settlement report as CSV",
            description = "The settlement lines as CSV: day, provider, currency, captures_count, gross_minor, gross, "
                    + "refunds_count, refunds_minor, refunds, dispute_withdrawn_minor, dispute_withdrawn, "
                    + "dispute_reinstated_minor, dispute_reinstated, net_minor, net (decimals in the major unit).")
    @APIResponse(responseCode = "200", description = "The CSV.", content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "example", value = "day,provider,currency,captures_count,gross_minor,gross,refunds_count,refunds_minor,refunds,dispute_withdrawn_minor,dispute_withdrawn,dispute_reinstated_minor,dispute_reinstated,net_minor,net\r\n"
                    + "2026-01-15,stripe,USD,2,15000,150.00,1,2500,25.00,0,0.00,0,0.00,12500,125.00\r\n")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @GET
    @Path("/settlement.csv")
    @Produces(CSV)
    public Multi<String> settlementCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("currency") String currency) {
        ReportRange range = ReportRange.parse(from, to, currency);
        Multi<String> lines = store.settlement(merchant.id(), range).onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows)).map(ReportResource::settlementLine);
        return attachment(Multi.createBy().concatenating().streams(
                Multi.createFrom().item(CsvCells.line(SETTLEMENT_HEADER)),
                lines), "settlement.csv");
    }

    static final List<String> SETTLEMENT_HEADER = List.of("day", "provider", "currency", "captures_count", "gross_minor",
            "gross", "refunds_count", "refunds_minor", "refunds", "dispute_withdrawn_minor", "dispute_withdrawn",
            "dispute_reinstated_minor", "dispute_reinstated", "net_minor", "net");

    static String settlementLine(SettlementLine l) {
        String c = l.currency();
        return CsvCells.line(List.of(l.day(), l.provider(), c, Long.toString(l.capturesCount()), Long.toString(l.gross()),
                Currencies.formatMajor(l.gross(), c), Long.toString(l.refundsCount()), Long.toString(l.refunds()),
                Currencies.formatMajor(l.refunds(), c), Long.toString(l.disputeWithdrawn()),
                Currencies.formatMajor(l.disputeWithdrawn(), c), Long.toString(l.disputeReinstated()),
                Currencies.formatMajor(l.disputeReinstated(), c), Long.toString(l.net()), Currencies.formatMajor(l.net(), c)));
    }

    private static <T> Report<T> report(String object, ReportRange range, List<T> rows) {
        return new Report<>(object, range.from().toString(), range.to().toString(), range.currency(), rows);
    }

    private static Multi<String> attachment(Multi<String> lines, String filename) {
        return RestMulti.fromMultiData(lines).header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
