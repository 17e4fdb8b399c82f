package dev.payrail.payment;

import dev.payrail.connector.PaymentMethodType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.payrail.card.CardValidator;
import dev.payrail.card.ValidatedCard;
import dev.payrail.common.ApiException;
import dev.payrail.common.Filters;
import dev.payrail.money.Currencies;
import dev.payrail.payment.method.Vpa;

/**
 * A {@link CreatePaymentRequest} that passed validation. {@code card} is {@code null} when a saved
 * {@code paymentMethod} is charged.
 */
public record PaymentInput(String orderId, Long amount, String currency, PaymentMethodType method, ValidatedCard card,
        String vpa, String wallet, String walletFlow, String returnUrl, boolean manualCapture, String provider,
        Map<String, Object> metadata, String receipt, String customer, boolean savePaymentMethod, String paymentMethod,
        boolean offSession) {

    private static final Pattern WALLET = Pattern.compile("[a-z0-9_]{2,32}");
    private static final java.util.Set<String> WALLET_FLOWS = java.util.Set.of("qr", "redirect");
    private static final Pattern ORDER_ID = Pattern.compile("order_[0-9A-Za-z]{14,40}");

    @Override
    public String toString() {
        return "PaymentInput[" + method + ", order=" + orderId + "]";
    }

    public static PaymentInput validate(CreatePaymentRequest r, CardValidator cards) {
        if (r == null) {
            throw ApiException.badRequest("A JSON body is required.", null);
        }
        String orderId = null;
        Long amount = null;
        String currency = null;
        if (r.orderId() != null) {
            if (r.amount() != null || r.currency() != null) {
                throw ApiException.badRequest("Give either order_id, or amount and currency, not both.",
                        r.amount() != null ? "amount" : "currency");
            }
            if (!ORDER_ID.matcher(r.orderId()).matches()) {
                throw ApiException.notFound("order");
            }
            orderId = r.orderId();
        } else {
            if (r.amount() == null && r.currency() == null) {
                throw ApiException.badRequest("order_id, or amount and currency, are required.", "order_id");
            }
            currency = Currencies.require(r.currency(), "currency");
            amount = Currencies.requireAmount(r.amount(), currency, "amount");
        }
        if (r.receipt() != null && (r.orderId() != null || r.receipt().isEmpty() || r.receipt().length() > 255)) {
            throw ApiException.badRequest("receipt is 1 to 255 characters, and only for payments without order_id.",
                    "receipt");
        }
        PaymentMethodType method = r.method() == null && r.paymentMethod() != null ? PaymentMethodType.CARD
                : PaymentMethodType.parse(r.method());
        if (method == null) {
            throw ApiException.badRequest("method must be one of card, upi, wallet, bank_transfer.", "method");
        }
        requireOnly(r, method);
        ValidatedCard card = null;
        String vpa = null;
        String wallet = null;
        String walletFlow = null;
        String returnUrl = null;
        switch (method) {
            case CARD -> {
                if (r.paymentMethod() != null) {
                    if (r.card() != null) {
                        throw ApiException.badRequest("Give either card or payment_method, not both.", "card");
                    }
                } else if (r.card() == null) {
                    throw ApiException.badRequest("card is required for method card.", "card");
                }
                var c = r.card();
                card = c == null ? null : cards.validate(c.number(), c.expiryMonth(), c.expiryYear(), c.cvc(), c.holderName());
            }
            case UPI -> {
                if (r.upi() == null) {
                    throw ApiException.badRequest("upi is required for method upi.", "upi");
                }
                vpa = Vpa.require(r.upi().vpa(), "upi.vpa");
            }
            case WALLET -> {
                if (r.wallet() == null || r.wallet().wallet() == null || !WALLET.matcher(r.wallet().wallet()).matches()) {
                    throw ApiException.badRequest("wallet.wallet must name a wallet (lower case, 2 to 32 characters).",
                            "wallet.wallet");
                }
                wallet = r.wallet().wallet();
                walletFlow = r.wallet().flow();
                if (walletFlow != null && !WALLET_FLOWS.contains(walletFlow)) {
                    throw ApiException.badRequest("wallet.flow must be qr or redirect.", "wallet.flow");
                }
                returnUrl = ReturnUrls.require(r.wallet().returnUrl(), "wallet.return_url");
            }
            case BANK_TRANSFER -> {
                if (r.bankTransfer() != null && !r.bankTransfer().isEmpty()) {
                    throw ApiException.badRequest("bank_transfer takes no fields.", "bank_transfer");
                }
            }
        }
        if (Boolean.TRUE.equals(r.offSession()) && method != PaymentMethodType.CARD) {
            throw ApiException.badRequest("off_session is for card payments.", "off_session");
        }
        boolean manual;
        if (r.capture() == null || r.capture().equals("automatic")) {
            manual = false;
        } else if (r.capture().equals("manual")) {
            manual = true;
        } else {
            throw ApiException.badRequest("capture must be automatic or manual.", "capture");
        }
        OnFileFields.check(r, method);
        return new PaymentInput(orderId, amount, currency, method, card, vpa, wallet, walletFlow, returnUrl, manual,
                r.provider(),
                Filters.flatObject(r.metadata(), "metadata"), r.receipt(), r.customer(),
                Boolean.TRUE.equals(r.savePaymentMethod()), r.paymentMethod(), Boolean.TRUE.equals(r.offSession()));
    }

    private static void requireOnly(CreatePaymentRequest r, PaymentMethodType method) {
        String[] names = { "card", "upi", "wallet", "bank_transfer" };
        Object[] given = { r.card(), r.upi(), r.wallet(), r.bankTransfer() };
        for (int i = 0; i < names.length; i++) {
            if (given[i] != null && !names[i].equals(method.jsonName())) {
                throw ApiException.badRequest(names[i] + " does not go with method " + method.jsonName() + ".", names[i]);
            }
        }
    }

    /** What is stored about the method: masked, never the PAN or CVC. */
    public Map<String, Object> maskedDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        switch (method) {
            case CARD -> {
                d.put("brand", card.network().jsonName());
                d.put("bin", card.bin());
                d.put("last4", card.last4());
                d.put("exp_month", card.expiryMonth());
                d.put("exp_year", card.expiryYear());
                d.put("fingerprint", card.fingerprint());
                if (card.holderName() != null) {
                    d.put("holder_name", card.holderName());
                }
            }
            case UPI -> d.put("vpa", vpa);
            case WALLET -> {
                d.put("wallet", wallet);
                if (walletFlow != null) {
                    d.put("flow", walletFlow);
                }
                if (returnUrl != null) {
                    d.put("return_url", returnUrl);
                }
            }
            case BANK_TRANSFER -> {
            }
        }
        return d;
    }
}
