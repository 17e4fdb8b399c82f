package dev.payrail.sandbox.braintree;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import dev.payrail.common.Ids;
import dev.payrail.connector.braintree.BraintreeXml;
import dev.payrail.connector.braintree.BraintreeXml.Element;
import dev.payrail.connector.braintree.BraintreeXml.Node;
import dev.payrail.money.Currencies;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;
import io.vertx.mutiny.core.Vertx;

/**
 * The state of the Braintree emulator: sale transactions (authorized, or submitted for settlement
 * when asked; declined by Braintree's documented test amounts, cards and nonces), settlement
 * submissions (partial: a smaller amount), voids before settlement, refunds (credit transactions)
 * of settled or settling sales only, searches by {@code order-id}. Transactions settle immediately,
 * after a delay or on the admin's word ({@link BraintreeSandboxSettings#settlement()}), each
 * settlement announced by a signed {@code transaction_settled} notification.
 *
 * <p>Each store keeps the last {@code payrail.sandbox.remembered-payments} entries ({@link Recent});
 * a forgotten transaction is a {@code 404}.
 */
@Singleton
public class BraintreeSandbox implements dev.payrail.sandbox.TunableEmulator<BraintreeSandboxSettings> {

    /** An answer: HTTP status, XML document (none for a bare status), and the notifications it caused. */
    public record Reply(int status, String xml, List<BraintreeSandboxWebhooks.Signed> events) {
        static Reply of(int status, Element body) {
            return new Reply(status, body.document(), List.of());
        }

        static Reply bare(int status) {
            return new Reply(status, null, List.of());
        }
    }

    /** Braintree's default merchant account charges this currency. */
    static final String DEFAULT_CURRENCY = "USD";

    private final BraintreeSandboxConfig config;
    private final BraintreeSandboxWebhooks webhooks;
    private final Vertx vertx;
    private volatile BraintreeSandboxSettings settings;
    private final Recent<String, SandboxTransaction> transactions;
    private final Recent<String, List<String>> byOrderId;

    BraintreeSandbox(BraintreeSandboxConfig config, BraintreeSandboxWebhooks webhooks, SandboxConfig sandbox, Vertx vertx) {
        this.config = config;
        this.webhooks = webhooks;
        this.vertx = vertx;
        this.settings = BraintreeSandboxSettings.of(config);
        int n = sandbox.rememberedPayments();
        this.transactions = new Recent<>(n);
        this.byOrderId = new Recent<>(n);
    }

    // ---- settings and counters ----------------------------------------------------------------

    public BraintreeSandboxSettings settings() {
        return settings;
    }

    public String update(BraintreeSandboxSettings update) {
        BraintreeSandboxSettings next = settings.merge(update);
        String invalid = next.invalid();
        if (invalid == null) {
            settings = next;
        }
        return invalid;
    }

    public void resetSettings() {
        settings = BraintreeSandboxSettings.of(config);
    }

    /** Sales with this order id that took money (authorized or later, not declined): the double-charge check. */
    public int approvedSales(String orderId) {
        int n = 0;
        for (SandboxTransaction t : withOrderId(config.merchantId(), orderId)) {
            String s = t.status();
            if ("sale".equals(t.type) && !List.of("processor_declined", "gateway_rejected", "failed").contains(s)) {
                n++;
            }
        }
        return n;
    }

    /** Credits with this order id (our refund id). */
    public int refunds(String orderId) {
        return (int) withOrderId(config.merchantId(), orderId).stream().filter(t -> "credit".equals(t.type)).count();
    }

    /** A transaction's status, or {@code null} when the emulator has none. */
    public String status(String id) {
        SandboxTransaction t = transactions.get(id);
        return t == null ? null : t.status();
    }

    /** A transaction's amount, or {@code null}. */
    public BigDecimal amount(String id) {
        SandboxTransaction t = transactions.get(id);
        return t == null ? null : t.amount();
    }

    /** The transaction as Braintree writes it (for notifications made by tests). */
    public Element transactionXml(String id) {
        SandboxTransaction t = transactions.get(id);
        return t == null ? null : t.xml();
    }

    public String merchantId() {
        return config.merchantId();
    }

    /** Whether a Basic credential is the emulator's key pair. */
    boolean authenticates(String publicKey, String privateKey) {
        return config.publicKey().equals(publicKey) && config.privateKey().equals(privateKey);
    }

    private List<SandboxTransaction> withOrderId(String account, String orderId) {
        List<String> ids = orderId == null ? null : byOrderId.get(account + "|" + orderId);
        List<SandboxTransaction> out = new ArrayList<>();
        if (ids != null) {
            for (String id : ids) {
                SandboxTransaction t = transactions.get(id);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private void store(SandboxTransaction t) {
        transactions.put(t.id, t);
        if (t.orderId != null) {
            byOrderId.computeIfAbsent(t.account + "|" + t.orderId, k -> new CopyOnWriteArrayList<>()).add(t.id);
        }
    }

    private static String newId() {
        return Ids.random(8).toLowerCase(Locale.ROOT);
    }

    // ---- sale ---------------------------------------------------------------------------------

    /** {@code POST /transactions}: a sale with a card or a test nonce. */
    public Reply sale(String account, Node request) {
        Node tx = request.name().equals("transaction") ? request : null;
        if (tx == null) {
            return BraintreeSandboxErrors.validation("91501", "transaction", "Transaction is required.");
        }
        if (!"sale".equals(tx.text("type"))) {
            return BraintreeSandboxErrors.validation("91523", "type", "Transaction type is invalid.");
        }
        String merchantAccount = tx.text("merchant-account-id");
        String currency = DEFAULT_CURRENCY;
        if (merchantAccount != null) {
            currency = merchantAccounts().get(merchantAccount);
            if (currency == null) {
                return BraintreeSandboxErrors.validation("91513", "merchant_account_id", "Merchant account ID is invalid.");
            }
        }
        BigDecimal amount;
        try {
            amount = amount(tx.text("amount"), currency);
        } catch (IllegalArgumentException e) {
            return BraintreeSandboxErrors.validation(e.getMessage().substring(0, 5), "amount", e.getMessage().substring(6));
        }
        Card card = card(tx);
        if (card.error() != null) {
            return card.error();
        }
        String orderId = tx.text("order-id");
        if (orderId != null && orderId.length() > 255) {
            return BraintreeSandboxErrors.validation("81733", "order_id", "Order ID is too long.");
        }
        SandboxTransaction.Builder b = new SandboxTransaction.Builder();
        b.id = newId();
        b.account = account;
        b.type = "sale";
        b.currency = currency;
        b.merchantAccountId = merchantAccount != null ? merchantAccount : "payrail_sandbox_usd";
        b.orderId = orderId;
        b.amount = amount;
        b.bin = card.number().substring(0, 6);
        b.last4 = card.number().substring(card.number().length() - 4);
        b.cardType = card.number().startsWith("4") ? "Visa" : card.number().startsWith("3") ? "American Express" : "MasterCard";
        String[] expiry = tx.text("credit-card/expiration-date") == null ? new String[0]
                : tx.text("credit-card/expiration-date").split("/");
        b.expirationMonth = tx.text("credit-card/expiration-month") != null ? tx.text("credit-card/expiration-month")
                : expiry.length == 2 ? expiry[0] : null;
        b.expirationYear = tx.text("credit-card/expiration-year") != null ? tx.text("credit-card/expiration-year")
                : expiry.length == 2 ? expiry[1] : null;
        b.cardholderName = tx.text("credit-card/cardholder-name");
        SandboxTransaction t = new SandboxTransaction(b);
        String cvv = tx.text("credit-card/cvv");
        Outcome outcome = outcome(amount, card, cvv);
        t.respond(outcome.code(), outcome.text(), outcome.responseType());
        t.gatewayRejectionReason = outcome.rejection();
        t.moveTo(outcome.status());
        if ("authorized".equals(outcome.status()) && "true".equals(tx.text("options/submit-for-settlement"))) {
            t.moveTo("submitted_for_settlement");
        }
        store(t);
        if (!"authorized".equals(outcome.status())) {
            Element doc = BraintreeXml.element("api-error-response").add(BraintreeXml.element("errors")
                    .arrayOf("errors", List.of())).add(BraintreeXml.element("params")).add("message", outcome.text())
                    .add(t.xml());
            return Reply.of(422, doc);
        }
        Reply reply = Reply.of(201, t.xml());
        return afterSubmit(t, reply);
    }

    private record Outcome(String status, String code, String text, String responseType, String rejection) {
    }

    private static Outcome outcome(BigDecimal amount, Card card, String cvv) {
        if (card.rejection() != null) {
            return new Outcome("gateway_rejected", null, null, null, card.rejection());
        }
        if ("200".equals(cvv)) {
            return new Outcome("gateway_rejected", null, null, null, "cvv");
        }
        if (amount.compareTo(new BigDecimal("5001.00")) == 0) {
            return new Outcome("gateway_rejected", null, null, null, "application_incomplete");
        }
        if (amount.compareTo(new BigDecimal("3000.00")) >= 0 && amount.compareTo(new BigDecimal("3001.00")) < 0) {
            return new Outcome("failed", "3000", "Processor Network Unavailable - Try Again", "soft_declined", null);
        }
        String declined = card.declineCode();
        if (declined == null && amount.compareTo(new BigDecimal("2000.00")) >= 0 && amount.compareTo(new BigDecimal("3000.00")) < 0) {
            declined = Integer.toString(amount.intValue());
        }
        if (declined != null) {
            return new Outcome("processor_declined", declined, BraintreeSandboxErrors.processorText(declined),
                    declined.equals("2001") || declined.equals("2002") || declined.equals("2003") ? "soft_declined" : "hard_declined",
                    null);
        }
        return new Outcome("authorized", "1000", "Approved", "approved", null);
    }

    private record Card(String number, String declineCode, String rejection, Reply error) {
    }

    /** The card of a sale: a number (Luhn-checked) or one of Braintree's documented test nonces. */
    private static Card card(Node tx) {
        String nonce = tx.text("payment-method-nonce");
        if (nonce != null) {
            return switch (nonce) {
                case "fake-valid-nonce", "fake-valid-visa-nonce" -> new Card("4111111111111111", null, null, null);
                case "fake-valid-mastercard-nonce" -> new Card("5555555555554444", null, null, null);
                case "fake-valid-amex-nonce" -> new Card("378282246310005", null, null, null);
                case "fake-processor-declined-visa-nonce" -> new Card("4000111111111115", "2000", null, null);
                case "fake-processor-declined-mastercard-nonce" -> new Card("5105105105105100", "2000", null, null);
                case "fake-gateway-rejected-fraud-nonce" -> new Card("4000111111111511", null, "fraud", null);
                case "fake-luhn-invalid-nonce" -> new Card(null, null, null,
                        BraintreeSandboxErrors.validation("81715", "number", "Credit card number is invalid."));
                case "fake-consumed-nonce" -> new Card(null, null, null, BraintreeSandboxErrors.validation("93107",
                        "payment_method_nonce", "Cannot use a payment_method_nonce more than once."));
                default -> new Card(null, null, null, BraintreeSandboxErrors.validation("91565", "payment_method_nonce",
                        "Unknown or expired payment_method_nonce."));
            };
        }
        String number = tx.text("credit-card/number");
        if (number == null) {
            return new Card(null, null, null, BraintreeSandboxErrors.validation("91508", "base",
                    "Cannot determine payment method."));
        }
        if (!number.matches("[0-9]{12,19}") || !luhn(number)) {
            return new Card(null, null, null, BraintreeSandboxErrors.validation("81715", "number", "Credit card number is invalid."));
        }
        return switch (number) {
            case "4000111111111115", "5105105105105100", "378734493671000" -> new Card(number, "2000", null, null);
            case "4000111111111511" -> new Card(number, null, "fraud", null);
            default -> new Card(number, null, null, null);
        };
    }

    static boolean luhn(String number) {
        int sum = 0;
        boolean dbl = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int d = number.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** An amount in the merchant account's currency, or {@code "code message"} as the exception's message. */
    private static BigDecimal amount(String text, String currency) {
        if (text == null) {
            throw new IllegalArgumentException("81502 Amount is required.");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("81503 Amount is an invalid format.");
        }
        if (amount.stripTrailingZeros().scale() > Currencies.exponent(currency)) {
            throw new IllegalArgumentException("81503 Amount is an invalid format.");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("81531 Amount must be greater than zero.");
        }
        return amount.setScale(Currencies.exponent(currency));
    }

    // ---- operations on a transaction ----------------------------------------------------------

    /** {@code GET /transactions/{id}}. */
    public Reply find(String account, String id) {
        SandboxTransaction t = owned(account, id);
        return t == null ? Reply.bare(404) : Reply.of(200, t.xml());
    }

    /** {@code PUT /transactions/{id}/submit_for_settlement}, optionally with a smaller amount. */
    public Reply submitForSettlement(String account, String id, Node request) {
        SandboxTransaction t = owned(account, id);
        if (t == null) {
            return Reply.bare(404);
        }
        String requested = request == null ? null : request.text("amount");
        synchronized (t) {
            if (!"authorized".equals(t.status)) {
                return BraintreeSandboxErrors.validation("91507", "base", "Cannot submit for settlement unless status is authorized.");
            }
            if (requested != null) {
                BigDecimal amount;
                try {
                    amount = amount(requested, t.currency);
                } catch (IllegalArgumentException e) {
                    return BraintreeSandboxErrors.validation(e.getMessage().substring(0, 5), "amount", e.getMessage().substring(6));
                }
                if (amount.compareTo(t.amount) > 0) {
                    return BraintreeSandboxErrors.validation("91522", "amount", "Settlement amount is too large.");
                }
                t.amount = amount;
            }
            t.moveTo("submitted_for_settlement");
        }
        return afterSubmit(t, Reply.of(200, t.xml()));
    }

    /** {@code PUT /transactions/{id}/void}: before settlement only. */
    public Reply voidTransaction(String account, String id) {
        SandboxTransaction t = owned(account, id);
        if (t == null) {
            return Reply.bare(404);
        }
        synchronized (t) {
            if (!"authorized".equals(t.status) && !"submitted_for_settlement".equals(t.status)) {
                return BraintreeSandboxErrors.validation("91504", "base",
                        "Transaction can only be voided if status is authorized, submitted_for_settlement, or - for PayPal - settlement_pending.");
            }
            t.moveTo("voided");
        }
        return Reply.of(200, t.xml());
    }

    /** {@code POST /transactions/{id}/refund}: a credit of a settled or settling sale, at most what is left. */
    public Reply refund(String account, String id, Node request) {
        SandboxTransaction sale = owned(account, id);
        if (sale == null) {
            return Reply.bare(404);
        }
        String requested = request == null ? null : request.text("amount");
        String orderId = request == null ? null : request.text("order-id");
        SandboxTransaction credit;
        synchronized (sale) {
            if ("credit".equals(sale.type)) {
                return BraintreeSandboxErrors.validation("91505", "base", "Cannot refund credit");
            }
            if (!List.of("settled", "settling", "settlement_confirmed").contains(sale.status)) {
                return BraintreeSandboxErrors.validation("91506", "base", "Cannot refund transaction unless it is settled.");
            }
            BigDecimal refunded = BigDecimal.ZERO;
            for (String refundId : sale.refundIds) {
                SandboxTransaction r = transactions.get(refundId);
                if (r != null && !List.of("voided", "failed", "processor_declined", "settlement_declined").contains(r.status())) {
                    refunded = refunded.add(r.amount());
                }
            }
            BigDecimal left = sale.amount.subtract(refunded);
            BigDecimal amount;
            try {
                amount = requested == null ? left : amount(requested, sale.currency);
            } catch (IllegalArgumentException e) {
                return BraintreeSandboxErrors.validation(e.getMessage().substring(0, 5), "amount", e.getMessage().substring(6));
            }
            if (left.signum() <= 0) {
                return BraintreeSandboxErrors.validation("91512", "base", "Transaction has already been fully refunded.");
            }
            if (amount.compareTo(left) > 0) {
                return BraintreeSandboxErrors.validation("91521", "amount", "Refund amount is too large.");
            }
            SandboxTransaction.Builder b = new SandboxTransaction.Builder();
            b.id = newId();
            b.account = account;
            b.type = "credit";
            b.currency = sale.currency;
            b.merchantAccountId = sale.merchantAccountId;
            b.orderId = orderId;
            b.refundedTransactionId = sale.id;
            b.amount = amount;
            b.bin = sale.bin;
            b.last4 = sale.last4;
            b.cardType = sale.cardType;
            b.expirationMonth = sale.expirationMonth;
            b.expirationYear = sale.expirationYear;
            credit = new SandboxTransaction(b);
            credit.respond("1002", "Processed", "approved");
            credit.moveTo("submitted_for_settlement");
            sale.refundIds.add(credit.id);
            store(credit);
        }
        return afterSubmit(credit, Reply.of(201, credit.xml()));
    }

    /** {@code POST /transactions/advanced_search_ids}: the ids matching {@code order-id} (is) and {@code ids}. */
    public Reply searchIds(String account, Node search) {
        List<String> ids = new ArrayList<>();
        for (SandboxTransaction t : matching(account, search)) {
            ids.add(t.id);
        }
        return Reply.of(200, BraintreeXml.element("search-results").add("page-size", 50).array("ids", ids));
    }

    /** {@code POST /transactions/advanced_search}: the transactions. */
    public Reply search(String account, Node search) {
        List<SandboxTransaction> found = matching(account, search);
        Element doc = BraintreeXml.element("credit-card-transactions").add("current-page-number", 1).add("page-size", 50)
                .add("total-items", found.size());
        found.forEach(t -> doc.add(t.xml()));
        return Reply.of(200, doc);
    }

    private List<SandboxTransaction> matching(String account, Node search) {
        String orderId = search == null ? null : search.text("order-id/is");
        Node idsNode = search == null ? null : search.child("ids");
        List<String> ids = idsNode == null ? null : idsNode.all("item").stream().map(Node::text).toList();
        List<SandboxTransaction> candidates;
        if (orderId != null) {
            candidates = withOrderId(account, orderId);
        } else if (ids != null) {
            candidates = new ArrayList<>();
            for (String id : ids) {
                SandboxTransaction t = owned(account, id);
                if (t != null) {
                    candidates.add(t);
                }
            }
        } else {
            candidates = List.of();
        }
        return candidates.stream().filter(t -> ids == null || ids.contains(t.id)).toList();
    }

    private SandboxTransaction owned(String account, String id) {
        SandboxTransaction t = id == null ? null : transactions.get(id);
        return t != null && t.account.equals(account) ? t : null;
    }

    // ---- settlement ---------------------------------------------------------------------------

    /** After a submission for settlement: settle now, later, or when the admin says. */
    private Reply afterSubmit(SandboxTransaction t, Reply reply) {
        if (!"submitted_for_settlement".equals(t.status())) {
            return reply;
        }
        BraintreeSandboxSettings s = settings;
        switch (s.settlement()) {
            case "immediate" -> {
                List<BraintreeSandboxWebhooks.Signed> events = settle(t.id, false);
                return new Reply(reply.status(), reply.xml(), events);
            }
            case "delayed" -> vertx.setTimer(Math.max(1, s.settleAfterMs()), timer -> settle(t.id, false));
            default -> {
                // manual: the admin settles it
            }
        }
        return reply;
    }

    /**
     * Settles (or, {@code declined}, declines the settlement of) a transaction submitted for
     * settlement; the {@code transaction_settled} or {@code transaction_settlement_declined}
     * notification is sent when a URL is configured, and returned.
     */
    public List<BraintreeSandboxWebhooks.Signed> settle(String id, boolean declined) {
        SandboxTransaction t = transactions.get(id);
        if (t == null) {
            return List.of();
        }
        synchronized (t) {
            if (!"submitted_for_settlement".equals(t.status) && !"settling".equals(t.status)) {
                return List.of();
            }
            t.moveTo(declined ? "settlement_declined" : "settled");
        }
        BraintreeSandboxWebhooks.Signed event = webhooks.signed(declined ? "transaction_settlement_declined"
                : "transaction_settled", BraintreeXml.element("subject").add(t.xml()));
        webhooks.send(event);
        return List.of(event);
    }

    /** Settles every transaction waiting for settlement (the admin's "run the batch"). */
    public List<BraintreeSandboxWebhooks.Signed> settleAll() {
        List<String> waiting = new ArrayList<>();
        transactions.forEachValue(t -> {
            if ("submitted_for_settlement".equals(t.status())) {
                waiting.add(t.id);
            }
        });
        List<BraintreeSandboxWebhooks.Signed> events = new ArrayList<>();
        waiting.forEach(id -> events.addAll(settle(id, false)));
        return events;
    }

    /** For tests: the transaction ids with this order id. */
    public List<String> idsForOrder(String orderId) {
        return withOrderId(config.merchantId(), orderId).stream().map(t -> t.id).toList();
    }

    /** Currencies of the configured merchant accounts, by id. */
    Map<String, String> merchantAccounts() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String entry : config.merchantAccounts()) {
            String[] kv = entry.trim().split(":", 2);
            if (kv.length == 2) {
                out.put(kv[0].trim(), kv[1].trim().toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }
}
