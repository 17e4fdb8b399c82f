package dev.payrail.connector.pagadito;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.PublicBaseUrl;
import dev.payrail.connector.AmountUnits;
import dev.payrail.connector.ConnectorFailures;
import dev.payrail.connector.ConnectorRequests;
import dev.payrail.connector.ConnectorResult;
import dev.payrail.connector.NextActions;
import dev.payrail.connector.Operation;
import dev.payrail.connector.Outcome;
import dev.payrail.connector.PaymentConnector;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.connector.ProviderCallException;
import dev.payrail.provider.ProviderAccounts;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Pagadito (APIPG): connect with the merchant's {@code uid}/{@code wsk}, then {@code exec_trans} with
 * our payment id as ERN; the payment answers {@code requires_action} with a {@code redirect_to_url}
 * to Pagadito's page. Pagadito sends the payer back to the return URL configured in the merchant's
 * Pagadito panel with the transaction token; Payrail's return page ({@code /pagadito/return}) asks
 * {@code get_status} with that token and settles the payment. The token, read from the payer URL
 * exec_trans answers, is the payment's provider reference, so the reconciler can poll get_status
 * when the payer never comes back. Only {@code COMPLETED} is paid (captured). Pagadito offers no
 * capture, void or refund: the connector declares status queries only, so the API refuses the rest
 * before anything is written.
 *
 * <p>Pagadito sends webhooks too, but their signature recipe is known from third-party code only
 * (an RSA signature checked with a certificate fetched from a URL in the request); the connector
 * does not accept them and relies on the return page and polling (docs/connectors/pagadito.md).
 */
@Singleton
public class PagaditoConnector implements PaymentConnector {

    public static final String NAME = "pagadito";
    /** The only wallet this connector takes. */
    public static final String WALLET = "pagadito";
    /** Payrail's return page; with {@code /{merchantId}} for a merchant's own Pagadito account. */
    public static final String RETURN_PATH = "/pagadito/return";
    /** Decimal strings of major units with ISO decimals, as Pagadito's {@code amount} and {@code price}. */
    static final AmountUnits UNITS = AmountUnits.majorUnits().build();

    private final PagaditoConfig config;
    private final ProviderAccounts accounts;
    private final ObjectMapper mapper;
    private final PagaditoApi api;

    PagaditoConnector(PagaditoConfig config, ProviderAccounts accounts, ObjectMapper mapper, @RestClient PagaditoApi api) {
        this.config = config;
        this.accounts = accounts;
        this.mapper = mapper;
        this.api = api;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<PaymentMethodType> methods() {
        return Set.of(PaymentMethodType.WALLET);
    }

    /** Authorize (a sale: Pagadito has no authorize-only) and status queries; no capture, void or refund. */
    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.AUTHORIZE, Operation.PAYMENT_STATUS);
    }

    @Override
    public AmountUnits units() {
        return UNITS;
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** {@code quarkus.rest-client.pagadito.url}, the base URL of {@link PagaditoApi}. */
    @Override
    public Optional<String> configuredBaseUrl() {
        return PaymentConnector.restClientUrl("pagadito");
    }

    @Override
    public boolean supports(PaymentMethodType method, String currency, long amount) {
        if (!methods().contains(method) || currency == null) {
            return false;
        }
        String c = currency.toUpperCase(Locale.ROOT);
        return config.currencies().contains(c) && units().supports(c, amount)
                && (!"USD".equals(c) || amount >= config.minUsdAmount());
    }

    /** Redirect only, the pagadito wallet only (manual capture never comes here: no CAPTURE is offered). */
    @Override
    public String refusal(PaymentMethodType method, String wallet, String walletFlow) {
        if (method == PaymentMethodType.WALLET && !WALLET.equals(wallet)) {
            return "Pagadito takes the pagadito wallet only.";
        }
        if ("qr".equals(walletFlow)) {
            return "Pagadito has no QR flow: the payer pays on Pagadito's page (wallet.flow redirect).";
        }
        return null;
    }

    @Override
    public boolean hasPlatformAccount() {
        return config.uid().filter(s -> !s.isBlank()).isPresent() && config.wsk().filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public Set<String> requiredCredentials() {
        return Set.of("uid", "wsk");
    }

    @Override
    public Optional<Duration> payerWindow() {
        return Optional.of(config.payerWindow());
    }

    // ---- operations -------------------------------------------------------------------------

    /**
     * connect, then exec_trans with ERN = our payment id. The ERN never changes for a payment: a
     * retry with the same Idempotency-Key replays the stored payment (and its one payer URL); a
     * resent attempt after a crash sends the same ERN, which Pagadito refuses to register twice.
     */
    @Override
    public Uni<ConnectorResult> authorize(ConnectorRequests.Authorize r) {
        String refused = r.method() != PaymentMethodType.WALLET ? "Pagadito takes the pagadito wallet only."
                : refusal(r.method(), r.wallet(), r.walletFlow());
        refused = refused != null ? refused : r.saleOnlyRefusal("Pagadito");
        if (refused != null) {
            return Uni.createFrom().item(notSent(refused));
        }
        String currency = r.currency().toUpperCase(Locale.ROOT);
        String amount;
        try {
            amount = UNITS.toProvider(currency, r.amount());
        } catch (AmountUnits.NotRepresentable e) {
            return Uni.createFrom().item(notSent("Pagadito cannot take this amount: " + e.getMessage() + "."));
        }
        return withAccount(r.merchantId(), account -> connect(account).chain(connected -> {
            if (!connected.is(PagaditoWire.CONNECTED)) {
                return Uni.createFrom().item(rejected("connect", connected));
            }
            return execTrans(r, account, connected.valueText(), currency, amount);
        }).onFailure().recoverWithItem(t -> notSent("Pagadito's connect failed (" + t.getMessage()
                + "); no transaction was registered.")));
    }

    private Uni<ConnectorResult> execTrans(ConnectorRequests.Authorize r, Account account, String connection,
            String currency, String amount) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("quantity", 1);
        detail.put("description", "Payment " + r.paymentId());
        detail.put("price", new BigDecimal(amount));
        detail.put("url_product", "");
        Map<String, String> form = new LinkedHashMap<>();
        form.put(PagaditoWire.OPERATION, PagaditoWire.OP_EXEC_TRANS);
        form.put(PagaditoWire.TOKEN, connection);
        form.put(PagaditoWire.ERN, ern(r.paymentId()));
        form.put(PagaditoWire.AMOUNT, amount);
        form.put(PagaditoWire.DETAILS, write(List.of(detail)));
        // The library sends json_encode(array()) when no custom parameter is set.
        form.put(PagaditoWire.CUSTOM_PARAMS, "[]");
        form.put(PagaditoWire.CURRENCY, currency);
        form.put(PagaditoWire.FORMAT_RETURN, "json");
        // No pre-authorized (VERIFYING) payments: a payment is either paid or not when the payer returns.
        form.put(PagaditoWire.ALLOW_PENDING_PAYMENTS, "false");
        PagaditoCall call = PagaditoCall.execTrans(PagaditoWire.form(form));
        return guarded(call).map(answer -> {
            if (!answer.is(PagaditoWire.REGISTERED)) {
                return rejected("exec_trans", answer);
            }
            String url = answer.valueText() == null ? null : URLDecoder.decode(answer.valueText(), StandardCharsets.UTF_8);
            String token = url == null ? null : PagaditoWire.transactionToken(url);
            if (token == null) {
                // Without the token neither the return page nor a status query can ever tell whether
                // the payer paid: the payer is not sent to a page Payrail could not follow.
                return ConnectorResult.declined(null, "provider_rejected_request", null,
                        "Pagadito's payer URL carries no transaction token; the payer was not sent there.");
            }
            return new ConnectorResult(Outcome.REQUIRES_ACTION, token, null, null, null, null,
                    NextActions.redirectToUrl(url, returnPage(r.merchantId(), account.own())));
        }).onFailure().recoverWithItem(PagaditoConnector::execTransLost);
    }

    /**
     * exec_trans got no answer. When it provably never left, nothing was registered. Otherwise
     * Pagadito may have registered the transaction, but its payer URL (and token) exists only in
     * the lost answer: no payer can reach that page, and Pagadito charges nothing before the payer
     * pays on it, so the ERN is abandoned (Pagadito expires the transaction) and the attempt fails
     * cleanly. Reporting it unknown would gain nothing: Pagadito cannot be asked by ERN. The payment
     * fails; a retry with the same Idempotency-Key replays that failure, a new key makes a new
     * payment with a new ERN, so no payer is ever shown two payable Pagadito transactions.
     */
    static ConnectorResult execTransLost(Throwable failure) {
        ConnectorResult classified = ConnectorFailures.toResult(failure);
        if (classified.is(Outcome.NOT_SENT)) {
            return classified;
        }
        return ConnectorResult.declined(null, "provider_timeout", null, "Pagadito did not answer exec_trans ("
                + failure.getMessage() + "); the transaction was abandoned before any payer was sent to it, so "
                + "nothing was charged. Create a new payment.");
    }

    /**
     * get_status by the transaction token (the provider reference). Without a token exec_trans never
     * answered, no payer was ever sent to Pagadito and nothing can have been paid: no record.
     */
    @Override
    public Uni<ConnectorResult> status(ConnectorRequests.Status r) {
        String token = r.providerReference();
        if (token == null || token.isBlank()) {
            return Uni.createFrom().item(ConnectorResult.noRecord("Pagadito cannot be asked by ERN, and exec_trans "
                    + "never gave this payment a transaction token: no payer was sent to Pagadito."));
        }
        return withAccount(r.merchantId(), account -> connect(account).chain(connected -> {
            if (!connected.is(PagaditoWire.CONNECTED)) {
                return Uni.createFrom().item(ConnectorResult.unknown(token,
                        "Pagadito refused connect: " + connected.describe() + "."));
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put(PagaditoWire.OPERATION, PagaditoWire.OP_GET_STATUS);
            form.put(PagaditoWire.TOKEN, connected.valueText());
            form.put(PagaditoWire.TOKEN_TRANS, token);
            form.put(PagaditoWire.FORMAT_RETURN, "json");
            return guarded(PagaditoCall.getStatus(PagaditoWire.form(form))).map(answer -> answer.is(PagaditoWire.STATUS)
                    ? PagaditoMapping.status(token, answer.value(), r.amount())
                    : ConnectorResult.unknown(token, "Pagadito refused get_status: " + answer.describe() + "."));
        }).onFailure().recoverWithItem(t -> {
            ConnectorResult f = ConnectorFailures.toResult(t);
            return new ConnectorResult(f.outcome(), token, f.errorCode(), null, f.message(), null, null);
        }));
    }

    @Override
    public Uni<ConnectorResult> capture(ConnectorRequests.Capture r) {
        return unsupported("capture", r.providerReference());
    }

    @Override
    public Uni<ConnectorResult> voidAuthorization(ConnectorRequests.Void r) {
        return unsupported("void", r.providerReference());
    }

    @Override
    public Uni<ConnectorResult> refund(ConnectorRequests.Refund r) {
        return unsupported("refund", null);
    }

    @Override
    public Uni<ConnectorResult> refundStatus(ConnectorRequests.RefundStatus r) {
        return Uni.createFrom().item(ConnectorResult.noRecord("Pagadito offers no refunds."));
    }

    /** Never called: {@link #operations()} does not offer it, and the API refuses it first. */
    private static Uni<ConnectorResult> unsupported(String what, String reference) {
        return Uni.createFrom().item(ConnectorResult.declined(reference, "operation_not_supported", null,
                "Pagadito offers no " + what + "."));
    }

    /** Whether this merchant pays through the platform's (sandbox) Pagadito account. */
    public Uni<Boolean> usesPlatformAccount(String merchantId) {
        return accounts.credentials(merchantId, NAME).map(c -> !c.containsKey("uid"));
    }

    /** The return page a merchant sets in the Pagadito panel, without its query ({@code ?token={value}&ern={ern_value}}). */
    String returnPage(String merchantId, boolean ownAccount) {
        return PublicBaseUrl.or(config.publicBaseUrl()) + RETURN_PATH + (ownAccount ? "/" + merchantId : "");
    }

    /** The ERN of a payment: its id (unique, at most 44 characters). */
    static String ern(String paymentId) {
        return paymentId;
    }

    // ---- the guarded call -------------------------------------------------------------------

    private Uni<PagaditoAnswer> connect(Account account) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(PagaditoWire.OPERATION, PagaditoWire.OP_CONNECT);
        form.put(PagaditoWire.UID, account.uid());
        form.put(PagaditoWire.WSK, account.wsk());
        form.put(PagaditoWire.FORMAT_RETURN, "json");
        return guarded(PagaditoCall.connect(PagaditoWire.form(form)));
    }

    /** {@link #send}; a refused retry after a try that may have reached Pagadito is not "not sent". */
    private Uni<PagaditoAnswer> guarded(PagaditoCall call) {
        return send(call).onFailure().transform(t -> call.reach().outcome(t, "Pagadito"));
    }

    /**
     * One POST to Pagadito under the connector's fault tolerance. Fails only when Pagadito gave no
     * usable answer (no connection, {@code 5xx}, not JSON); those are resent only when the call is
     * {@link PagaditoCall#repeatable()} or never left.
     */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2)
    @CircuitBreakerName(NAME)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProviderCallException.Retryable.class)
    Uni<PagaditoAnswer> send(PagaditoCall call) {
        return api.call(call.form())
                .onFailure().transform(t -> ConnectorFailures.transport(t, "Pagadito", call.repeatable()))
                .map(res -> checked(res, call.repeatable()))
                .onFailure().transform(call.reach()::observe);
    }

    private PagaditoAnswer checked(Response r, boolean repeatable) {
        int status = r.getStatus();
        String body = r.hasEntity() ? r.readEntity(String.class) : "";
        if (status < 500 && status != 429) {
            try {
                JsonNode json = mapper.readTree(body == null || body.isEmpty() ? "{}" : body);
                if (json.isObject() && json.hasNonNull("code")) {
                    return PagaditoAnswer.of(json);
                }
            } catch (IOException e) {
                // not JSON: below
            }
            throw new ProviderCallException("Pagadito answered " + status + " without a JSON answer.", false, status);
        }
        boolean refused = status == 503 || status == 429;
        String message = "Pagadito answered " + status + ".";
        if (repeatable || refused) {
            throw new ProviderCallException.Retryable(message, refused, status);
        }
        throw new ProviderCallException(message, false, status);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A Pagadito account: the merchant's own ({@code own}) or the platform's. */
    record Account(String uid, String wsk, boolean own) {
        @Override
        public String toString() {
            return "Account[" + uid + (own ? ", merchant's" : ", platform's") + "]";
        }
    }

    private Uni<ConnectorResult> withAccount(String merchantId, Function<Account, Uni<ConnectorResult>> call) {
        return accounts.credentials(merchantId, NAME).chain(c -> {
            String uid = c.get("uid");
            String wsk = c.get("wsk");
            if (uid != null && wsk != null) {
                return call.apply(new Account(uid, wsk, true));
            }
            if (!hasPlatformAccount()) {
                return Uni.createFrom().item(notSent("No Pagadito credentials for this merchant."));
            }
            return call.apply(new Account(config.uid().orElseThrow(), config.wsk().orElseThrow(), false));
        });
    }

    /** Pagadito answered with a code other than the operation's success: nothing was registered. */
    private static ConnectorResult rejected(String operation, PagaditoAnswer answer) {
        return new ConnectorResult(Outcome.NOT_SENT, null, "provider_rejected_request", null,
                "Pagadito refused " + operation + ": " + answer.describe() + ".", null, null);
    }

    private static ConnectorResult notSent(String message) {
        return ConnectorResult.notSent(message);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
