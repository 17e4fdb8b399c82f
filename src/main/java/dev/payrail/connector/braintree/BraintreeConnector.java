package dev.payrail.connector.braintree;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.InboundWebhook;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.ProviderCallException;
import dev.payrail.connector.ProviderEvent;
import dev.payrail.connector.WebhookRejectedException;
import dev.payrail.connector.braintree.BraintreeCall.Kind;
import dev.payrail.connector.braintree.BraintreeXml.Element;
import dev.payrail.connector.braintree.BraintreeXml.Node;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Braintree's XML gateway API, server to server, with card data. An authorization is a
 * {@code sale} transaction whose {@code order-id} is derived from the attempt id, with
 * {@code submit_for_settlement} true for automatic capture; a capture submits it for settlement
 * (partially: with a smaller amount); a void voids it before settlement; a refund is a credit
 * transaction on it, with our refund id as its {@code order-id}. Braintree refunds only settled
 * (or settling) transactions: before that it answers validation error 91506, passed on as a failed
 * refund with {@code transaction_not_settled}, never faked by a void.
 *
 * <p>Braintree has no idempotency header. A sale or refund whose answer may have been lost is
 * looked for by its {@code order-id} ({@code advanced_search_ids}, then {@code advanced_search})
 * before it is ever sent again; found, its state is the answer, so a lost answer never charges twice.
 * Status queries of payments and refunds use the same search when the transaction id is not known.
 */
@Singleton
public class BraintreeConnector implements PaymentConnector {

    public static final String NAME = "braintree";
    /** Braintree's longest {@code order-id}. */
    static final int ORDER_ID_MAX = 255;
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    /** What a {@code bt_payload} may hold (base64 with line breaks), as the SDK checks it. */
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9+=/\n]+");
    /** Major units with ISO decimals: Braintree writes {@code "10.00"}, {@code "1000"} for JPY. */
    static final AmountUnits UNITS = AmountUnits.majorUnits().build();

    private final BraintreeConfig config;
    private final ProviderAccounts accounts;
    private final BraintreeApi api;

    BraintreeConnector(BraintreeConfig config, ProviderAccounts accounts, @RestClient BraintreeApi api) {
        this.config = config;
        this.accounts = accounts;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.CARD);
    }

    /** The whole contract: Braintree settles partially, voids before settlement and refunds partially. */
    @Override
    public Set<Operation> operations() {
        return EnumSet.allOf(Operation.class);
    }

    @Override
    public boolean hasPlatformAccount() {
        return config.merchantId().filter(k -> !k.isBlank()).isPresent()
                && config.publicKey().filter(k -> !k.isBlank()).isPresent()
                && config.privateKey().filter(k -> !k.isBlank()).isPresent();
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.braintree.url}, the gateway's base URL ({@link BraintreeApi}). */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("braintree");
    }

    @Override
    public AmountUnits units() {
        return UNITS;
    }

    /** Cards in the configured currencies, within the configured amounts. */
    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        return methods().contains(method) && currency != null
                && config.currencies().contains(currency.toUpperCase(Locale.ROOT)) && units().supports(currency, amount)
                && amount >= config.minAmount() && amount <= config.maxAmount();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of("merchant_id", "public_key", "private_key");
    }

    /**
     * {@code merchant_account_ids}: {@code EUR=acct_eur,GBP=acct_gbp}, the merchant account per
     * currency; {@code default_currency}: the currency of the default merchant account ({@code USD}).
     */
    @Override
    public Set<String> optionalCredentials() {
        return Set.of("merchant_account_ids", "default_currency");
    }

    // ---- operations -------------------------------------------------------------------------

    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        if (r.method() != PaymentMethodType.CARD || r.card() == null) {
            return Uni.createFrom().item(notSent("Braintree takes card payments only."));
        }
        String refusal = UNITS.refusal(r.currency(), r.amount());
        if (refusal != null) {
            return Uni.createFrom().item(notSent("Braintree cannot charge this amount: " + refusal + "."));
        }
        String orderId = orderId(r.idempotencyKey());
        return withAuth(r.merchantId(), auth -> {
            if (!auth.charges(r.currency())) {
                return Uni.createFrom().item(notSent("No Braintree merchant account for " + r.currency()
                        + ": store merchant_account_ids for it (the default account charges " + auth.defaultCurrency() + ")."));
            }
            Element card = BraintreeXml.element("credit-card").add("number", r.card().pan())
                    .add("expiration-month", String.format("%02d", r.card().expiryMonth()))
                    .add("expiration-year", String.valueOf(r.card().expiryYear()))
                    .add("cvv", r.card().cvc()).add("cardholder-name", r.card().holderName());
            Element sale = BraintreeXml.element("transaction").add("type", "sale")
                    .add("amount", UNITS.toProvider(r.currency(), r.amount())).add("order-id", orderId)
                    .add("merchant-account-id", auth.merchantAccount(r.currency())).add(card)
                    .add(BraintreeXml.element("options").add("submit-for-settlement", r.capture()));
            String xml = sale.document();
            return sale(auth, xml).onFailure(BraintreeConnector::mayHaveReached)
                    .recoverWithUni(lost -> findOrResend(auth, orderId, "sale", () -> sale(auth, xml), lost))
                    .onFailure().recoverWithItem(ConnectorFailures::toResult);
        });
    }

    private Uni<ConnectorResult> sale(BraintreeAuth auth, String xml) {
        return guarded(BraintreeCall.write(Kind.SALE, auth, null, xml)).map(res -> {
            if (res.ok()) {
                return BraintreeMapping.sale(transaction(res));
            }
            if (res.unprocessable()) {
                Node error = xml(res);
                Node tx = error.child("transaction");
                if (tx != null && tx.text("id") != null) {
                    return BraintreeMapping.sale(tx);
                }
                return rejected(error, "the sale");
            }
            return refusedUnsent(res, "the sale");
        });
    }

    /**
     * After a sale or refund whose answer may have been lost: the transaction with this
     * {@code order-id}, if Braintree has one, is the answer; only when Braintree provably has none
     * is it sent again (once; another lost answer leaves it unknown for the reconciler).
     */
    private Uni<ConnectorResult> findOrResend(BraintreeAuth auth, String orderId, String type,
            java.util.function.Supplier<Uni<ConnectorResult>> resend, Throwable lost) {
        return byOrderId(auth, orderId, type).chain(found -> {
            if (found.isPresent()) {
                Node tx = found.get();
                return Uni.createFrom().item("credit".equals(type) ? BraintreeMapping.refund(tx) : BraintreeMapping.sale(tx));
            }
            return resend.get();
        }).onFailure().recoverWithItem(t -> ConnectorResult.unknown(null,
                "Braintree's answer was lost (" + lost.getMessage() + ") and the search by order id failed: " + t.getMessage()));
    }

    /** Submits the authorized transaction for settlement, with the amount (smaller: a partial capture). */
    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        String xml = BraintreeXml.element("transaction").add("amount", UNITS.toProvider(r.currency(), r.amount())).document();
        return withAuth(r.merchantId(), auth -> guarded(BraintreeCall.write(Kind.SUBMIT_FOR_SETTLEMENT, auth,
                r.providerReference(), xml)).map(res -> {
                    if (!res.ok()) {
                        return refusedExisting(res, r.providerReference(), "capture");
                    }
                    ConnectorResult answer = BraintreeMapping.status(transaction(res), UNITS, r.currency());
                    return answer.stageOrPending() == dev.payrail.connector.PaymentStage.CAPTURED
                            ? ConnectorResult.succeeded(r.providerReference())
                            : ConnectorResult.unknown(r.providerReference(), "Braintree answered the settlement submission with status "
                                    + transaction(res).text("status") + ".");
                }));
    }

    /** Voids an authorized (or submitted, not yet settling) transaction. */
    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        return withAuth(r.merchantId(), auth -> guarded(BraintreeCall.write(Kind.VOID, auth, r.providerReference(), null))
                .map(res -> {
                    if (!res.ok()) {
                        return refusedExisting(res, r.providerReference(), "void");
                    }
                    String status = transaction(res).text("status");
                    return "voided".equals(status) ? ConnectorResult.succeeded(r.providerReference())
                            : ConnectorResult.unknown(r.providerReference(), "Braintree answered the void with status " + status + ".");
                }));
    }

    /**
     * A credit transaction on the sale for the amount, with our refund id as its {@code order-id}.
     * An unsettled sale cannot be refunded (Braintree 91506): the refund fails with
     * {@code transaction_not_settled}.
     */
    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        String orderId = orderId(r.refundId());
        String xml = BraintreeXml.element("transaction").add("amount", UNITS.toProvider(r.currency(), r.amount()))
                .add("order-id", orderId).document();
        return withAuth(r.merchantId(), auth -> {
            java.util.function.Supplier<Uni<ConnectorResult>> send = () -> guarded(
                    BraintreeCall.write(Kind.REFUND, auth, r.providerReference(), xml)).map(res -> {
                        if (res.ok()) {
                            return BraintreeMapping.refund(transaction(res));
                        }
                        return refusedExisting(res, null, "refund");
                    });
            return send.get().onFailure(BraintreeConnector::mayHaveReached)
                    .recoverWithUni(lost -> findOrResend(auth, orderId, "credit", send, lost))
                    .onFailure().recoverWithItem(ConnectorFailures::toResult);
        });
    }

    /** By the transaction id when we have it; otherwise by the attempt's {@code order-id}. */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        if (r.providerReference() != null) {
            return withAuth(r.merchantId(), auth -> find(auth, r.providerReference())
                    .map(tx -> tx.map(t -> BraintreeMapping.status(t, UNITS, r.currency()))
                            .orElseGet(() -> ConnectorResult.noRecord("Braintree has no transaction " + r.providerReference() + "."))));
        }
        if (r.idempotencyKey() == null) {
            return Uni.createFrom().item(ConnectorResult.unknown(null, "Nothing to look the payment up by."));
        }
        String orderId = orderId(r.idempotencyKey());
        return withAuth(r.merchantId(), auth -> byOrderId(auth, orderId, "sale")
                .map(tx -> tx.map(t -> BraintreeMapping.status(t, UNITS, r.currency()))
                        .orElseGet(() -> ConnectorResult.noRecord("Braintree has no sale with order id " + orderId + "."))));
    }

    /** By the refund's transaction id when its answer reached us; otherwise by our refund id ({@code order-id}). */
    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        if (r.refundProviderReference() != null) {
            return withAuth(r.merchantId(), auth -> find(auth, r.refundProviderReference())
                    .map(tx -> tx.map(BraintreeMapping::refund)
                            .orElseGet(() -> ConnectorResult.noRecord("Braintree has no refund " + r.refundProviderReference() + "."))));
        }
        String orderId = orderId(r.refundId());
        return withAuth(r.merchantId(), auth -> byOrderId(auth, orderId, "credit")
                .map(tx -> tx.map(BraintreeMapping::refund)
                        .orElseGet(() -> ConnectorResult.noRecord("Braintree has no refund with order id " + orderId + "."))));
    }

    // ---- reads ------------------------------------------------------------------------------

    /** The transaction, or empty when Braintree answers 404. */
    private Uni<Optional<Node>> find(BraintreeAuth auth, String id) {
        return guarded(BraintreeCall.read(Kind.FIND, auth, id, null)).map(res -> {
            if (res.ok()) {
                return Optional.of(transaction(res));
            }
            if (res.status() == 404) {
                return Optional.empty();
            }
            throw new ProviderCallException("Braintree answered " + res.status() + " to the find.", false, res.status());
        });
    }

    /**
     * The transaction of this type ({@code sale} or {@code credit}) with this {@code order-id}: the
     * ids ({@code advanced_search_ids}), then the transactions ({@code advanced_search}). Of several,
     * the one that succeeded wins, then one under way, then a declined one.
     */
    private Uni<Optional<Node>> byOrderId(BraintreeAuth auth, String orderId, String type) {
        Element criteria = BraintreeXml.element("order-id").add("is", orderId);
        String idsQuery = BraintreeXml.element("search").add(criteria).document();
        return guarded(BraintreeCall.read(Kind.SEARCH_IDS, auth, orderId, idsQuery)).chain(res -> {
            if (!res.ok()) {
                throw new ProviderCallException("Braintree answered " + res.status() + " to the search.", false, res.status());
            }
            Node ids = xml(res).child("ids");
            List<String> found = ids == null ? List.of() : ids.all("item").stream().map(Node::text)
                    .filter(java.util.Objects::nonNull).toList();
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Node>empty());
            }
            String query = BraintreeXml.element("search").add(BraintreeXml.element("order-id").add("is", orderId))
                    .array("ids", found).document();
            return guarded(BraintreeCall.read(Kind.SEARCH, auth, orderId, query)).map(page -> {
                if (!page.ok()) {
                    throw new ProviderCallException("Braintree answered " + page.status() + " to the search.", false,
                            page.status());
                }
                Node best = null;
                for (Node tx : xml(page).all("transaction")) {
                    if (!orderId.equals(tx.text("order-id")) || (tx.text("type") != null && !type.equals(tx.text("type")))) {
                        continue;
                    }
                    if (best == null || rank(tx, type) > rank(best, type)) {
                        best = tx;
                    }
                }
                return Optional.ofNullable(best);
            });
        });
    }

    private static int rank(Node tx, String type) {
        ConnectorResult r = "credit".equals(type) ? BraintreeMapping.refund(tx) : BraintreeMapping.sale(tx);
        return r.is(Outcome.SUCCEEDED) ? 2 : r.is(Outcome.DECLINED) ? 0 : 1;
    }

    // ---- the guarded call -------------------------------------------------------------------

    /** Whether a failed call may have reached Braintree (its outcome is unknown, not "not sent"). */
    static boolean mayHaveReached(Throwable t) {
        return ConnectorFailures.toResult(t).is(Outcome.UNKNOWN);
    }

    /**
     * {@link #send} as the operations use it: when a try may have reached Braintree and a retry was
     * then refused before sending, the outcome is unknown, never "not sent".
     */
    private Uni<BraintreeResponse> guarded(BraintreeCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Braintree"));
    }

    /**
     * One HTTP call to the gateway under the connector's fault tolerance. Fails only when Braintree
     * gave no usable answer (no connection, {@code 429}, {@code 5xx}); those are resent only when the
     * call is {@link BraintreeCall#repeatable()} or never left. Everything else is an answer.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<BraintreeResponse> send(BraintreeCall call) {
        String a = call.auth();
        String m = call.merchantId();
        String empty = BraintreeXml.element("transaction").document();
        Uni<Response> http = switch (call.kind()) {
            case SALE -> api.sale(a, m, call.body());
            case FIND -> api.find(a, m, call.objectId());
            case SUBMIT_FOR_SETTLEMENT -> api.submitForSettlement(a, m, call.objectId(), call.body());
            case VOID -> api.voidTransaction(a, m, call.objectId(), empty);
            case REFUND -> api.refund(a, m, call.objectId(), call.body());
            case SEARCH_IDS -> api.searchIds(a, m, call.body());
            case SEARCH -> api.search(a, m, call.body());
        };
        return http.onFailure().transform(t -> ConnectorFailures.transport(t, "Braintree", call.repeatable()))
                .map(res -> checked(res, call.repeatable()))
                .onFailure().transform(call.reach()::observe);
    }

    /** A lost connection is resent only for a read. */
    /**
     * {@code 503} (down for maintenance) and {@code 429} processed nothing and may be resent;
     * {@code 500} and other {@code 5xx} may have processed the request.
     */
    static BraintreeResponse checked(Response r, boolean repeatable) {
        int status = r.getStatus();
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status < 500 && status != 429) {
            return new BraintreeResponse(status, body);
        }
        boolean refused = status == 503 || status == 429;
        String message = "Braintree answered " + status + ".";
        if (repeatable || refused) {
            throw new ProviderCallException.Retryable(message, refused, status);
        }
        throw new ProviderCallException(message, false, status);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The {@code order-id} of an attempt or refund: the id itself when Braintree takes it, else a digest of it. */
    static String orderId(String id) {
        return ORDER_ID.matcher(id).matches() ? id : "pr_" + sha256(id).substring(0, 40);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The merchant's Braintree account, or the configured sandbox account when the merchant stored none. */
    private Uni<ConnectorResult> withAuth(String merchantId, Function<BraintreeAuth, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            Optional<BraintreeAuth> auth = auth(c);
            if (auth.isEmpty()) {
                return Uni.createFrom().item(notSent("No Braintree credentials for this merchant."));
            }
            return call.apply(auth.get());
        });
    }

    private Optional<BraintreeAuth> auth(Map<String, String> c) {
        boolean own = c.containsKey("public_key");
        String merchant = own ? c.get("merchant_id") : config.merchantId().orElse(null);
        String publicKey = own ? c.get("public_key") : config.publicKey().orElse(null);
        String privateKey = own ? c.get("private_key") : config.privateKey().orElse(null);
        if (merchant == null || publicKey == null || privateKey == null) {
            return Optional.empty();
        }
        Map<String, String> merchantAccounts;
        try {
            merchantAccounts = BraintreeAuth.merchantAccounts(own ? c.get("merchant_account_ids")
                    : config.merchantAccountIds().orElse(null));
        } catch (IllegalArgumentException e) {
            merchantAccounts = Map.of();
        }
        String defaultCurrency = own ? c.getOrDefault("default_currency", "USD") : config.defaultCurrency();
        return Optional.of(new BraintreeAuth(merchant, publicKey, privateKey, merchantAccounts,
                defaultCurrency.toUpperCase(Locale.ROOT)));
    }

    private static Node transaction(BraintreeResponse res) {
        Node root = xml(res);
        return "transaction".equals(root.name()) ? root : Optional.ofNullable(root.child("transaction")).orElse(root);
    }

    private static Node xml(BraintreeResponse res) {
        try {
            return BraintreeXml.parse(res.body());
        } catch (BraintreeXml.Malformed e) {
            throw new ProviderCallException("Braintree answered " + res.status() + " with a body that is not XML.", false,
                    res.status());
        }
    }

    /** A {@code 422} to a sale that names no transaction: nothing was charged. */
    private static ConnectorResult rejected(Node error, String what) {
        String code = BraintreeMapping.firstErrorCode(error);
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_rejected_request", null,
                "Braintree rejected " + what + ": " + BraintreeMapping.message(error, code), null, null);
    }

    /** An answer to a sale that is neither a transaction nor validation errors: refused credentials, a 4xx. */
    private static ConnectorResult refusedUnsent(BraintreeResponse res, String what) {
        String why = res.unauthorized() ? "refused the credentials (" + res.status() + ")" : "answered " + res.status();
        return new ConnectorResult(Outcome.NOT_SENT, null, res.unauthorized() ? "provider_authentication_failed"
                : "provider_rejected_request", null, "Braintree " + why + " to " + what + "; nothing was charged.", null, null);
    }

    /** A refusal of an operation on an existing transaction. */
    private static ConnectorResult refusedExisting(BraintreeResponse res, String reference, String what) {
        if (res.unprocessable()) {
            return BraintreeMapping.refused(xml(res), reference);
        }
        if (res.status() == 404) {
            return ConnectorResult.declined(reference, "transaction_not_found", null,
                    "Braintree has no transaction " + reference + " to " + what + ".");
        }
        if (res.unauthorized()) {
            return new ConnectorResult(Outcome.NOT_SENT, reference, "provider_authentication_failed", null,
                    "Braintree refused the credentials (" + res.status() + "); nothing was done.", null, null);
        }
        return ConnectorResult.declined(reference, "braintree_" + res.status(), null,
                "Braintree answered " + res.status() + " to the " + what + ".");
    }

    private static ConnectorResult notSent(String message) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_unavailable", null, message, null, null);
    }

    // ---- inbound webhooks -------------------------------------------------------------------

    /**
     * Verifies a notification ({@code application/x-www-form-urlencoded} {@code bt_signature} and
     * {@code bt_payload}, decoded from the raw body) with the keys of the account it was addressed
     * to: the merchant's stored keys for {@code /webhooks/braintree/{merchantId}}, the configured
     * ones for {@code /webhooks/braintree}. The notification's {@code timestamp} must be within
     * {@code payrail.braintree.webhook-tolerance}; Braintree sends no event id, so the SHA-256 of
     * the payload is the de-duplication key (a replayed delivery is a duplicate). The HMAC runs on a
     * worker thread.
     */
    @Override
    public Uni<ProviderEvent> verifyWebhook(InboundWebhook webhook) {
        Uni<Map<String, String>> keys = webhook.platform()
                ? Uni.createFrom().item(platformKeys())
                : accounts.credentials(webhook.merchantId(), NAME).onFailure().recoverWithItem(Map.of());
        Instant now = webhook.receivedAt() == null ? Instant.now() : webhook.receivedAt();
        return keys.emitOn(Infrastructure.getDefaultWorkerPool()).map(k -> verify(webhook, k, now));
    }

    private Map<String, String> platformKeys() {
        Map<String, String> k = new HashMap<>();
        config.publicKey().ifPresent(v -> k.put("public_key", v));
        config.privateKey().ifPresent(v -> k.put("private_key", v));
        return k;
    }

    private ProviderEvent verify(InboundWebhook webhook, Map<String, String> keys, Instant now) {
        String publicKey = keys.get("public_key");
        String privateKey = keys.get("private_key");
        if (publicKey == null || privateKey == null) {
            throw new WebhookRejectedException(webhook.platform() ? "no Braintree keys are configured"
                    : "the merchant stored no Braintree keys");
        }
        Map<String, String> form = form(webhook.body());
        String signature = form.get("bt_signature");
        String payload = form.get("bt_payload");
        if (signature == null || payload == null || payload.isEmpty()) {
            throw new WebhookRejectedException("Braintree webhook rejected: bt_signature and bt_payload are required");
        }
        if (!PAYLOAD.matcher(payload).matches()) {
            throw new WebhookRejectedException("Braintree webhook rejected: bt_payload holds characters base64 does not");
        }
        if (!BraintreeSignature.matches(signature, payload, publicKey, privateKey)) {
            throw new WebhookRejectedException("Braintree webhook rejected: the signature does not match");
        }
        Node notification;
        try {
            notification = BraintreeXml.parse(new String(Base64.getMimeDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new WebhookRejectedException("Braintree webhook payload is not a notification");
        }
        if (!"notification".equals(notification.name()) || notification.text("kind") == null) {
            throw new WebhookRejectedException("Braintree webhook payload is not a notification");
        }
        Instant sent = timestamp(notification.text("timestamp"));
        Duration tolerance = config.webhookTolerance();
        if (sent == null || sent.isBefore(now.minus(tolerance)) || sent.isAfter(now.plus(tolerance))) {
            throw new WebhookRejectedException("Braintree webhook rejected: its timestamp is missing or outside "
                    + tolerance.toSeconds() + "s");
        }
        return BraintreeEvents.translate("btn_" + sha256(payload).substring(0, 40), notification, UNITS);
    }

    private static Instant timestamp(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An {@code application/x-www-form-urlencoded} body; a field given twice is refused. */
    static Map<String, String> form(byte[] body) {
        Map<String, String> out = new HashMap<>();
        String text = new String(body, StandardCharsets.US_ASCII);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (out.put(key, value) != null) {
                    throw new WebhookRejectedException("Braintree webhook rejected: " + key + " given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new WebhookRejectedException("Braintree webhook body is not form-encoded");
            }
        }
        return out;
    }
}
