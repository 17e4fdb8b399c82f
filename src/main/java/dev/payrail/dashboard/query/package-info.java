/**
 * The data the merchant dashboard's pages show, as reactive, merchant-scoped services over the
 * reactive pg client with raw SQL (no HTTP resources, no templates): every method takes the
 * merchant id first and every statement is scoped by it, so another merchant's ids find nothing.
 *
 * <ul>
 * <li>{@link dev.payrail.dashboard.query.PaymentSearch} with {@link dev.payrail.dashboard.query.PaymentFilter}
 * (the filter as URL query parameters, validated; paging as the API's lists: the cursor is the last id);</li>
 * <li>{@link dev.payrail.dashboard.query.PaymentCsvExport}: the filter's payments as CSV lines, streamed page by page;</li>
 * <li>{@link dev.payrail.dashboard.query.OverviewStats} and {@link dev.payrail.dashboard.query.SvgChart};</li>
 * <li>{@link dev.payrail.dashboard.query.PaymentTimeline}: one payment's events, attempts, refunds and deliveries;</li>
 * <li>{@link dev.payrail.dashboard.query.WebhookDeliveryLog}: the delivery log, retry one and redeliver many,
 * on the webhook package's store and dispatcher.</li>
 * </ul>
 *
 * Validation failures are {@link dev.payrail.common.ApiException} 400s naming the parameter, with a
 * sentence a page can show next to the field.
 */
package dev.payrail.dashboard.query;
