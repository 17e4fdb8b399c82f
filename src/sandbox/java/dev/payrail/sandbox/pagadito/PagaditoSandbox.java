package dev.payrail.sandbox.pagadito;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.payrail.common.Ids;
import dev.payrail.connector.pagadito.PagaditoWire;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.SandboxConfig;

/**
 * The state of the Pagadito emulator: merchant accounts ({@code uid}, {@code wsk}, the return URL of
 * their panel), connection tokens, and transactions registered by exec_trans, each under its own
 * token and, per account, its ERN (an ERN is registered once). A transaction is {@code REGISTERED}
 * until the payer pays ({@code COMPLETED}) or cancels ({@code CANCELED}) on the payer page, or lets
 * {@code payer-minutes} pass ({@code EXPIRED}). Stores keep the last
 * {@code payrail.sandbox.remembered-payments} entries ({@link Recent}), like the other emulators.
 *
 * <p>Answer codes: the success codes {@code PG1001}–{@code PG1003} are Pagadito's own library's;
 * for refusals Pagadito's published tables disagree, and the emulator answers those of the WSPG
 * table: {@code PG2001} incomplete data, {@code PG2002} incorrect format, {@code PG3001} connection
 * couldn't be established (bad credentials), {@code PG3003} unregistered transaction (unknown
 * token), {@code PG3004} amount does not match the details, {@code PG3007} denied access (invalid
 * connection token), {@code PG3008} currency not supported, {@code PG3009} amount under the minimum.
 * A reused ERN is refused with {@code PG3002} (Pagadito's generic error): which code Pagadito uses
 * for it is not confirmed; Payrail does not depend on it.
 */
@Singleton
public class PagaditoSandbox implements dev.payrail.sandbox.TunableEmulator<PagaditoSandboxSettings> {

    /** An answer {@code {code, message, value, datetime}}. */
    public record Reply(String code, String message, Object value) {
    }

    /** A merchant account of the emulator. */
    public record Account(String uid, String wsk, String returnUrl) {
        @Override
        public String toString() {
            return "Account[" + uid + "]";
        }
    }

    /** A transaction, as the payer page and get_status see it. */
    public static final class Transaction {
        final String uid;
        final String ern;
        final String token;
        final String amount;
        final String currency;
        final Instant created;
        String status = PagaditoWire.S_REGISTERED;
        String reference;
        Instant dateTrans;

        Transaction(String uid, String ern, String token, String amount, String currency, Instant created) {
            this.uid = uid;
            this.ern = ern;
            this.token = token;
            this.amount = amount;
            this.currency = currency;
            this.created = created;
        }

        public synchronized String status() {
            return status;
        }

        public String ern() {
            return ern;
        }

        public String amount() {
            return amount;
        }

        public String currency() {
            return currency;
        }
    }

    static final Set<String> CURRENCIES = Set.of("USD", "GTQ", "HNL", "NIO", "CRC", "PAB", "DOP");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PagaditoSandboxConfig config;
    private volatile PagaditoSandboxSettings settings;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Recent<String, String> connections;
    private final Recent<String, Transaction> transactions;
    private final Recent<String, String> erns;

    PagaditoSandbox(PagaditoSandboxConfig config, SandboxConfig sandbox) {
        this.config = config;
        this.settings = PagaditoSandboxSettings.of(config);
        int n = sandbox.rememberedPayments();
        this.connections = new Recent<>(n);
        this.transactions = new Recent<>(n);
        this.erns = new Recent<>(n);
        accounts.put(config.uid(), new Account(config.uid(), config.wsk(), config.returnUrl()));
    }

    // ---- settings and accounts ------------------------------------------------------------------

    public PagaditoSandboxSettings settings() {
        return settings;
    }

    public String update(PagaditoSandboxSettings update) {
        PagaditoSandboxSettings next = settings.merge(update);
        String invalid = next.invalid();
        if (invalid == null) {
            settings = next;
        }
        return invalid;
    }

    public void resetSettings() {
        settings = PagaditoSandboxSettings.of(config);
    }

    /** Adds or replaces a merchant account (as opening one in Pagadito's panel would). */
    public void register(String uid, String wsk, String returnUrl) {
        if (uid == null || uid.isBlank() || wsk == null || wsk.isBlank() || returnUrl == null
                || !returnUrl.contains(PagaditoWire.RETURN_TOKEN_PLACEHOLDER)) {
            throw new IllegalArgumentException("uid, wsk and a return_url with {value} are required");
        }
        accounts.put(uid, new Account(uid, wsk, returnUrl));
    }

    /** The transactions registered for an ERN of an account (at most one: an ERN is registered once). */
    public int registered(String uid, String ern) {
        return erns.get(uid + "|" + ern) == null ? 0 : 1;
    }

    /** The transaction registered for an ERN of the sandbox account or of {@code uid}, or null. */
    public Transaction byErn(String uid, String ern) {
        String token = erns.get((uid == null ? config.uid() : uid) + "|" + ern);
        return token == null ? null : transaction(token);
    }

    public String sandboxUid() {
        return config.uid();
    }

    // ---- the APIPG operations -------------------------------------------------------------------

    Reply connect(Map<String, String> form) {
        String uid = form.get(PagaditoWire.UID);
        String wsk = form.get(PagaditoWire.WSK);
        if (blank(uid) || blank(wsk)) {
            return new Reply("PG2001", "Incomplete data.", null);
        }
        Account a = accounts.get(uid);
        if (a == null || !a.wsk().equals(wsk)) {
            return new Reply("PG3001", "Connection couldn't be established.", null);
        }
        String token = newToken();
        connections.put(token, uid);
        return new Reply(PagaditoWire.CONNECTED, "Connection successful.", token);
    }

    Reply execTrans(Map<String, String> form, String base) {
        String uid = connection(form);
        if (uid == null) {
            return denied(form);
        }
        String ern = form.get(PagaditoWire.ERN);
        String amount = form.get(PagaditoWire.AMOUNT);
        String details = form.get(PagaditoWire.DETAILS);
        String currency = form.getOrDefault(PagaditoWire.CURRENCY, "USD");
        if (blank(ern) || blank(amount) || blank(details)) {
            return new Reply("PG2001", "Incomplete data.", null);
        }
        BigDecimal total;
        BigDecimal sum = BigDecimal.ZERO;
        try {
            total = new BigDecimal(amount);
            JsonNode items = JSON.readTree(details);
            if (!items.isArray() || items.isEmpty()) {
                return new Reply("PG2002", "Incorrect format data.", null);
            }
            for (JsonNode item : items) {
                if (!item.path("quantity").isNumber() || !item.path("price").isNumber()
                        || !item.hasNonNull("description")) {
                    return new Reply("PG2002", "Incorrect format data.", null);
                }
                sum = sum.add(item.path("quantity").decimalValue().multiply(item.path("price").decimalValue()));
            }
        } catch (NumberFormatException | java.io.IOException e) {
            return new Reply("PG2002", "Incorrect format data.", null);
        }
        if (!CURRENCIES.contains(currency)) {
            return new Reply("PG3008", "Currency not supported.", null);
        }
        if (total.compareTo(sum) != 0) {
            return new Reply("PG3004", "Transaction amount doesn't match with calculated amount.", null);
        }
        if ("USD".equals(currency) && total.compareTo(BigDecimal.ONE) < 0) {
            return new Reply("PG3009", "Amount is lower than the minimum allowed.", null);
        }
        String token = newToken();
        if (erns.putIfAbsent(uid + "|" + ern, token) != null) {
            return new Reply("PG3002", "We're sorry. An error has occurred. (ERN " + ern + " is already registered.)",
                    null);
        }
        transactions.put(token, new Transaction(uid, ern, token, total.toPlainString(), currency, Instant.now()));
        String payerUrl = base + "/index.php?mod=login&token=" + token;
        return new Reply(PagaditoWire.REGISTERED, "Transaction register successful.",
                URLEncoder.encode(payerUrl, StandardCharsets.UTF_8));
    }

    Reply getStatus(Map<String, String> form) {
        String uid = connection(form);
        if (uid == null) {
            return denied(form);
        }
        String token = form.get(PagaditoWire.TOKEN_TRANS);
        if (blank(token)) {
            return new Reply("PG2001", "Incomplete data.", null);
        }
        Transaction t = transaction(token);
        if (t == null || !t.uid.equals(uid)) {
            return new Reply("PG3003", "Unregistered transaction.", null);
        }
        synchronized (t) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("status", t.status);
            value.put("reference", t.reference == null ? "" : t.reference);
            value.put("date_trans", t.dateTrans == null ? "" : DATETIME.format(t.dateTrans));
            return new Reply(PagaditoWire.STATUS, "Transaction status.", value);
        }
    }

    Reply unknownOperation() {
        return new Reply("PG2002", "Incorrect format data.", null);
    }

    // ---- the payer ------------------------------------------------------------------------------

    /** A transaction by its token (EXPIRED once its payer's minutes have passed), or null. */
    public Transaction transaction(String token) {
        Transaction t = token == null ? null : transactions.get(token);
        if (t != null) {
            synchronized (t) {
                if (PagaditoWire.S_REGISTERED.equals(t.status)
                        && t.created.plusSeconds(config.payerMinutes() * 60).isBefore(Instant.now())) {
                    t.status = PagaditoWire.S_EXPIRED;
                }
            }
        }
        return t;
    }

    /**
     * The payer pays ({@code pay}) or goes back to the shop ({@code cancel}) on the payer page. Only a
     * {@code REGISTERED} transaction changes; the item is the return URL of the account's panel with
     * the token and ERN in place, or null when the transaction is unknown.
     */
    public String payerActs(String token, boolean pay, String emulatorBase) {
        Transaction t = transaction(token);
        if (t == null) {
            return null;
        }
        synchronized (t) {
            if (PagaditoWire.S_REGISTERED.equals(t.status)) {
                t.status = pay ? PagaditoWire.S_COMPLETED : PagaditoWire.S_CANCELED;
                t.dateTrans = Instant.now();
                if (pay) {
                    t.reference = String.valueOf(10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000));
                }
            }
        }
        return returnUrl(t, emulatorBase);
    }

    /** The payer lets the transaction expire (as closing the browser on Pagadito's page does). */
    public void expire(String token) {
        Transaction t = transaction(token);
        if (t != null) {
            synchronized (t) {
                if (PagaditoWire.S_REGISTERED.equals(t.status)) {
                    t.status = PagaditoWire.S_EXPIRED;
                }
            }
        }
    }

    /** The return URL of the transaction's account with {@code {value}} and {@code {ern_value}} in place. */
    String returnUrl(Transaction t, String emulatorBase) {
        Account a = accounts.get(t.uid);
        String template = a == null ? config.returnUrl() : a.returnUrl();
        String url = template.replace(PagaditoWire.RETURN_TOKEN_PLACEHOLDER, URLEncoder.encode(t.token, StandardCharsets.UTF_8))
                .replace(PagaditoWire.RETURN_ERN_PLACEHOLDER, URLEncoder.encode(t.ern, StandardCharsets.UTF_8));
        return url.startsWith("/") ? emulatorBase + url : url;
    }

    // ---- helpers --------------------------------------------------------------------------------

    String datetime() {
        return DATETIME.format(Instant.now());
    }

    private String connection(Map<String, String> form) {
        String token = form.get(PagaditoWire.TOKEN);
        return blank(token) ? null : connections.get(token);
    }

    private static Reply denied(Map<String, String> form) {
        return blank(form.get(PagaditoWire.TOKEN)) ? new Reply("PG2001", "Incomplete data.", null)
                : new Reply("PG3007", "Denied access.", null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String newToken() {
        return Ids.random(32).toLowerCase(java.util.Locale.ROOT);
    }
}
