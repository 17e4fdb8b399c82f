package dev.payrail.checkout;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import dev.payrail.card.CardValidator;
import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;
import dev.payrail.connector.PaymentMethodType;
import dev.payrail.money.Currencies;
import dev.payrail.order.Order;
import dev.payrail.order.OrderStore;
import dev.payrail.payment.CreatePaymentRequest;
import dev.payrail.payment.Payment;
import dev.payrail.payment.PaymentInput;
import dev.payrail.payment.PaymentOrchestrator;
import dev.payrail.payment.PaymentStatus;
import dev.payrail.payment.PaymentStore;
import dev.payrail.provider.ProviderAccounts;
import dev.payrail.ratelimit.Decision;
import dev.payrail.ratelimit.Limit;
import dev.payrail.ratelimit.RateLimitResponses;
import dev.payrail.ratelimit.RateLimiter;
import dev.payrail.webhook.WebhookEndpointStore;
import io.smallrye.mutiny.Uni;

/**
 * What the public checkout endpoints do, always for one merchant (the publishable key's) and one of
 * its orders. Payments go through {@link PaymentOrchestrator} like any API payment: the same
 * validation, routing, idempotency, order-attempt limit and outcomes. On top, submissions are limited
 * per client IP and per card fingerprint against card testing.
 */
@Singleton
public class CheckoutService {

    static final String CARD_LIMIT = "checkout_card";
    static final String IP_LIMIT = "checkout_ip";

    private final OrderStore orders;
    private final PaymentStore payments;
    private final PaymentOrchestrator orchestrator;
    private final ProviderAccounts accounts;
    private final CardValidator cards;
    private final RateLimiter limiter;
    private final WebhookEndpointStore endpoints;
    private final CheckoutConfig config;

    CheckoutService(OrderStore orders, PaymentStore payments, PaymentOrchestrator orchestrator,
            ProviderAccounts accounts, CardValidator cards, RateLimiter limiter, WebhookEndpointStore endpoints,
            CheckoutConfig config) {
        this.orders = orders;
        this.payments = payments;
        this.orchestrator = orchestrator;
        this.accounts = accounts;
        this.cards = cards;
        this.limiter = limiter;
        this.endpoints = endpoints;
        this.config = config;
    }

    /** The merchant's order, or {@code 404}. */
    public Uni<Order> requireOrder(String merchantId, String orderId) {
        if (orderId == null || !orderId.matches("order_[0-9A-Za-z]{14,40}")) {
            return Uni.createFrom().failure(ApiException.notFound("order"));
        }
        return orders.find(merchantId, orderId).onItem().ifNull().failWith(() -> ApiException.notFound("order"));
    }

    /** The order as its checkout shows it, with its latest payment. */
    public Uni<CheckoutOrderView> order(String merchantId, String merchantName, String logoUrl, boolean testMode,
            String orderId, Locale locale) {
        return requireOrder(merchantId, orderId).chain(o -> methods(merchantId, o)
                .chain(methods -> payments.forOrder(merchantId, o.id()).chain(list -> list.isEmpty()
                        ? Uni.createFrom().<CheckoutPaymentView>nullItem()
                        : view(list.get(0)))
                        .map(latest -> new CheckoutOrderView(o.id(), "checkout_order", merchantName, logoUrl,
                                o.amount(), o.currency(), Currencies.exponent(o.currency()),
                                formatAmount(o.amount(), o.currency(), locale), o.status(), methods, testMode,
                                latest))));
    }

    /**
     * The methods the merchant can take for the order's currency and amount, in the page's order:
     * {@code card}, {@code upi}, then {@code wallet:<provider>} for each routable provider whose payer
     * scans a code or goes to the provider's page (a connector with a payer window; its wallet is
     * named after it).
     */
    public Uni<List<String>> methods(String merchantId, Order o) {
        Uni<Boolean> card = offers(merchantId, PaymentMethodType.CARD, o);
        // UPI moves rupees only.
        Uni<Boolean> upi = "INR".equals(o.currency()) ? offers(merchantId, PaymentMethodType.UPI, o)
                : Uni.createFrom().item(false);
        Uni<List<String>> wallets = payerAwayWallets(merchantId, o);
        return Uni.combine().all().unis(card, upi, wallets).asTuple().map(t -> {
            List<String> out = new ArrayList<>();
            if (t.getItem1()) {
                out.add("card");
            }
            if (t.getItem2()) {
                out.add("upi");
            }
            for (String wallet : t.getItem3()) {
                out.add(WALLET_PREFIX + wallet);
            }
            return out;
        });
    }

    /** The page's name of a wallet method: {@code wallet:alipay}. */
    public static final String WALLET_PREFIX = "wallet:";

    private Uni<List<String>> payerAwayWallets(String merchantId, Order o) {
        return accounts.candidates(merchantId, PaymentMethodType.WALLET, o.currency(), o.amount(), null)
                .map(list -> list.stream().filter(c -> c.payerWindow().isPresent()).map(c -> c.name()).sorted().toList())
                .onFailure(ApiException.class).recoverWithItem(List.of());
    }

    private Uni<Boolean> offers(String merchantId, PaymentMethodType method, Order o) {
        return accounts.candidates(merchantId, method, o.currency(), o.amount(), null).map(c -> !c.isEmpty())
                .onFailure(ApiException.class).recoverWithItem(false);
    }

    /**
     * Submits a payment for the order. {@code 201} with the payment (succeeded, requires_action or
     * processing); a decline is the API's {@code 402} problem with {@code payment_id} and
     * {@code recoverable}.
     */
    public Uni<Response> submit(String merchantId, String orderId, CheckoutPaymentRequest body, String idempotencyKey,
            String requestFingerprint, String clientIp) {
        if (body == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        if (!"card".equals(body.method()) && !"upi".equals(body.method()) && !"wallet".equals(body.method())) {
            throw ApiException.badRequest("method must be card, upi or wallet.", "method");
        }
        // A wallet goes to the provider named after it; its payer comes back to this checkout page.
        String wallet = body.wallet() == null ? null : body.wallet().wallet();
        CreatePaymentRequest request = new CreatePaymentRequest(orderId, null, null, body.method(),
                body.card() == null ? null : new CreatePaymentRequest.CardInput(body.card().number(),
                        body.card().expiryMonth(), body.card().expiryYear(), body.card().cvc(), body.card().holderName()),
                body.upi() == null ? null : new CreatePaymentRequest.UpiInput(body.upi().vpa()),
                body.wallet() == null ? null : new CreatePaymentRequest.WalletInput(wallet, null, pageUrl(orderId)),
                null, null, "wallet".equals(body.method()) ? wallet : null, customerMetadata(body.customer()), null);
        // The API's own validation, first: a malformed card costs no attempt of the order.
        PaymentInput input = PaymentInput.validate(request, cards);
        Uni<Decision> ipCheck = limiter.check(Limit.of(IP_LIMIT, config.ipAttempts(), config.window(),
                config.ipAttempts()), clientIp);
        return ipCheck.chain(ip -> {
            if (!ip.allowed()) {
                throw RateLimitResponses.rejected(ip);
            }
            if (input.card() == null) {
                return Uni.createFrom().item(ip);
            }
            return limiter.check(Limit.of(CARD_LIMIT, config.cardAttempts(), config.window(), config.cardAttempts()),
                    merchantId + ":" + input.card().fingerprint());
        }).chain(decision -> {
            if (!decision.allowed()) {
                throw RateLimitResponses.rejected(decision);
            }
            return requireOrder(merchantId, orderId);
        }).chain(order -> {
            if ("paid".equals(order.status())) {
                throw new ApiException(409, "INVALID_STATE", "The order is already paid.", "order_id");
            }
            if (!"wallet".equals(body.method())) {
                return orchestrator.create(merchantId, request, storedKey(idempotencyKey), requestFingerprint, false);
            }
            // Only a wallet this page offers for this order: never another provider the customer names.
            return payerAwayWallets(merchantId, order).chain(offered -> {
                if (!offered.contains(wallet)) {
                    throw ApiException.badRequest("wallet.wallet must be one of the wallets this checkout offers: "
                            + String.join(", ", offered) + ".", "wallet.wallet");
                }
                return orchestrator.create(merchantId, request, storedKey(idempotencyKey), requestFingerprint, false);
            });
        }).chain(created -> {
            Payment p = created.payment();
            if (p.status() == PaymentStatus.FAILED) {
                return view(p).map(v -> Problems.response(failure(p, v)));
            }
            return view(p).map(v -> Response.status(201).entity(v).build());
        });
    }

    /** This order's checkout page, where a wallet's payer comes back to (the page resumes by polling). */
    static String pageUrl(String orderId) {
        return dev.payrail.common.PublicBaseUrl.or(java.util.Optional.empty()) + "/checkout?order_id=" + orderId;
    }

    /** The prefilled email and phone, as metadata the merchant sees on the payment (validated like any metadata). */
    private static java.util.Map<String, Object> customerMetadata(CheckoutPaymentRequest.Customer c) {
        if (c == null) {
            return null;
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        if (c.email() != null && !c.email().isBlank()) {
            m.put("customer_email", c.email().strip());
        }
        if (c.contact() != null && !c.contact().isBlank()) {
            m.put("customer_contact", c.contact().strip());
        }
        return m.isEmpty() ? null : m;
    }

    private static ApiException failure(Payment p, CheckoutPaymentView v) {
        if ("provider_unavailable".equals(p.errorCode())) {
            return new ApiException(503, "PROVIDER_UNAVAILABLE", "No provider could take the payment; nothing was "
                    + "charged. Try again in a moment.", null).with("payment_id", p.id())
                    .with("payment_status", v.status()).with("recoverable", true);
        }
        return new ApiException(402, "PAYMENT_DECLINED",
                p.errorDescription() == null ? "The payment was declined." : p.errorDescription(), null)
                .with("decline_code", p.declineCode()).with("payment_id", p.id())
                .with("payment_status", v.status()).with("recoverable", true);
    }

    /** The order's payment, as the page polls it. */
    public Uni<CheckoutPaymentView> payment(String merchantId, String orderId, String paymentId) {
        return requireOrder(merchantId, orderId).chain(o -> {
            if (paymentId == null || !paymentId.matches("pay_[0-9A-Za-z]{14,40}")) {
                throw ApiException.notFound("payment");
            }
            return payments.find(merchantId, paymentId);
        }).chain(p -> {
            if (p == null || !orderId.equals(p.orderId())) {
                throw ApiException.notFound("payment");
            }
            return view(p);
        });
    }

    /** The payment for the browser; a succeeded one carries the signature. */
    Uni<CheckoutPaymentView> view(Payment p) {
        String outcome = outcome(p.status());
        Uni<String> signature = "succeeded".equals(outcome)
                ? endpoints.find(p.merchantId()).map(e -> e == null || e.secret() == null ? null
                        : CheckoutSignature.sign(e.secret(), p.orderId(), p.id()))
                : Uni.createFrom().nullItem();
        return signature.map(sig -> new CheckoutPaymentView(p.id(), "checkout_payment", p.orderId(),
                p.status().publicName(), outcome, p.method().jsonName(),
                "requires_action".equals(outcome) ? p.nextAction() : null,
                "failed".equals(outcome) ? p.errorCode() : null,
                "failed".equals(outcome) ? p.errorDescription() : null,
                "failed".equals(outcome) ? p.declineCode() : null,
                "failed".equals(outcome) ? Boolean.TRUE : null, sig));
    }

    /** succeeded, failed, requires_action or processing: what the page acts on. */
    static String outcome(PaymentStatus s) {
        return switch (s) {
            case AUTHORIZED, CAPTURE_PENDING, CAPTURED, CANCEL_PENDING, PARTIALLY_REFUNDED, REFUNDED, DISPUTED ->
                "succeeded";
            case FAILED, CANCELLED -> "failed";
            case REQUIRES_ACTION -> "requires_action";
            case CREATED, PROCESSING, UNKNOWN -> "processing";
        };
    }

    /**
     * Customers' keys are stored apart from the merchant's own (and hashed: any printable key fits the
     * column).
     */
    static String storedKey(String key) {
        if (key == null) {
            return null;
        }
        try {
            return "checkout_" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The amount in the customer's language, with exactly the currency's exponent of decimals. */
    public static String formatAmount(long minor, String currency, Locale locale) {
        BigDecimal major = Currencies.toMajor(minor, currency);
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currency));
        } catch (IllegalArgumentException e) {
            return major.toPlainString() + " " + currency;
        }
        int exponent = Currencies.exponent(currency);
        f.setMinimumFractionDigits(exponent);
        f.setMaximumFractionDigits(exponent);
        return f.format(major);
    }
}
