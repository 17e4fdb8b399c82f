package dev.payrail.sandbox.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.payrail.common.Ids;
import dev.payrail.sandbox.Recent;
import dev.payrail.sandbox.stripe.StripeSandbox.Reply;

/**
 * The emulator's Customers and card PaymentMethods, with Stripe's rules for reuse:
 * <ul>
 * <li>a PaymentMethod made from {@code payment_method_data} is attached to the intent's Customer when
 * the intent had {@code setup_future_usage} and its payment went through; otherwise it is spent once
 * used and can never be used again (Stripe's "previously used without being attached" error);
 * <li>an attached PaymentMethod is used only with its own Customer ({@code customer} required);
 * <li>a detached one is spent; detaching one that is not attached is refused;
 * <li>{@code off_session} only with {@code confirm=true}; {@code setup_future_usage} is
 * {@code on_session} or {@code off_session}; an unknown Customer is {@code 404 resource_missing}.
 * </ul>
 * Each store keeps the last {@code payrail.sandbox.remembered-payments} entries, as the intents do.
 */
final class StripeSandboxVault {

    /** A card PaymentMethod, owned by the account that made it. Mutated only while synchronized on itself. */
    static final class StoredMethod {
        final String account;
        final String id;
        final String pan;
        final String brand;
        final String last4;
        final int expMonth;
        final int expYear;
        final String fingerprint;
        final long created = Instant.now().getEpochSecond();
        String customer;
        /** Used without being attached, or detached: never usable again. */
        boolean spent;

        StoredMethod(String account, String id, String pan, int expMonth, int expYear) {
            this.account = account;
            this.id = id;
            this.pan = pan;
            this.brand = brand(pan);
            this.last4 = pan.substring(pan.length() - 4);
            this.expMonth = expMonth;
            this.expYear = expYear;
            this.fingerprint = fingerprint(account, pan);
        }

        synchronized Map<String, Object> json() {
            Map<String, Object> card = new LinkedHashMap<>();
            card.put("brand", brand);
            card.put("country", "US");
            card.put("exp_month", expMonth);
            card.put("exp_year", expYear);
            card.put("fingerprint", fingerprint);
            card.put("funding", "credit");
            card.put("last4", last4);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", id);
            j.put("object", "payment_method");
            j.put("billing_details", Map.of());
            j.put("card", card);
            j.put("created", created);
            j.put("customer", customer);
            j.put("livemode", false);
            j.put("metadata", Map.of());
            j.put("type", "card");
            return j;
        }
    }

    private record StoredCustomer(String account, Map<String, Object> json) {
    }

    /** What a PaymentIntent's parameters ask of the vault: a refusal, or the saved method it uses (if any). */
    record Use(Reply refusal, StoredMethod saved, boolean offSession) {
    }

    private final Recent<String, StoredMethod> methods;
    private final Recent<String, StoredCustomer> customers;

    StripeSandboxVault(int remembered) {
        this.methods = new Recent<>(remembered);
        this.customers = new Recent<>(remembered);
    }

    Reply createCustomer(String account, Map<String, String> form) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", "cus_" + Ids.random(14));
        j.put("object", "customer");
        j.put("created", Instant.now().getEpochSecond());
        j.put("email", form.get("email"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("default_payment_method", null);
        j.put("invoice_settings", settings);
        j.put("livemode", false);
        j.put("metadata", metadata(form));
        j.put("name", form.get("name"));
        customers.put((String) j.get("id"), new StoredCustomer(account, j));
        return Reply.ok(j);
    }

    Reply retrieveCustomer(String account, String id) {
        StoredCustomer c = id == null ? null : customers.get(id);
        return c == null || !c.account().equals(account) ? StripeErrors.missing("id", "No such customer: '" + id + "'")
                : Reply.ok(c.json());
    }

    Reply retrieve(String account, String id) {
        StoredMethod m = owned(account, id);
        return m == null ? StripeErrors.missing("payment_method", "No such PaymentMethod: '" + id + "'") : Reply.ok(m.json());
    }

    Reply detach(String account, String id) {
        StoredMethod m = owned(account, id);
        if (m == null) {
            return StripeErrors.missing("payment_method", "No such PaymentMethod: '" + id + "'");
        }
        synchronized (m) {
            if (m.customer == null) {
                return StripeErrors.invalid("payment_method", null,
                        "The payment method you provided is not attached to a customer so detachment is impossible.");
            }
            m.customer = null;
            m.spent = true;
        }
        return Reply.ok(m.json());
    }

    /** A PaymentMethod from {@code payment_method_data}, attached to nobody yet. */
    StoredMethod create(String account, String pan, Map<String, String> form) {
        StoredMethod m = new StoredMethod(account, "pm_" + Ids.random(24), pan,
                parse(form.get("payment_method_data[card][exp_month]")), parse(form.get("payment_method_data[card][exp_year]")));
        methods.put(m.id, m);
        return m;
    }

    /** Checks the card-on-file parameters of a PaymentIntent before anything is created. */
    Use use(String account, Map<String, String> form, boolean confirm) {
        String customer = form.get("customer");
        if (customer != null) {
            StoredCustomer c = customers.get(customer);
            if (c == null || !c.account().equals(account)) {
                return new Use(StripeErrors.missing("customer", "No such customer: '" + customer + "'"), null, false);
            }
        }
        String sfu = form.get("setup_future_usage");
        if (sfu != null && !List.of("on_session", "off_session").contains(sfu)) {
            return new Use(StripeErrors.invalid("setup_future_usage", "parameter_invalid_string",
                    "Invalid setup_future_usage: must be one of on_session or off_session"), null, false);
        }
        String offSession = form.get("off_session");
        if (offSession != null && !List.of("true", "false", "one_off", "recurring").contains(offSession)) {
            return new Use(StripeErrors.invalid("off_session", "parameter_invalid_string",
                    "Invalid off_session: must be a boolean, one_off or recurring"), null, false);
        }
        boolean off = offSession != null && !"false".equals(offSession);
        if (off && !confirm) {
            return new Use(StripeErrors.invalid("off_session", null,
                    "off_session can only be used when confirm is true."), null, false);
        }
        String id = form.get("payment_method");
        StoredMethod m = id == null ? null : owned(account, id);
        if (m == null) {
            return new Use(null, null, off);
        }
        synchronized (m) {
            if (m.spent) {
                return new Use(StripeErrors.invalid("payment_method", null, "This PaymentMethod was previously used "
                        + "without being attached to a Customer or was detached from a Customer, and may not be used again."),
                        null, off);
            }
            if (m.customer != null && !m.customer.equals(customer)) {
                return new Use(StripeErrors.invalid("payment_method", null, "The customer does not have a payment method "
                        + "with the ID " + id + ". The payment method must be attached to the customer."), null, off);
            }
        }
        return new Use(null, m, off);
    }

    /**
     * After a confirmation: a method saved for future usage by a payment that went through is attached
     * to the intent's Customer; one used without being attached is spent.
     */
    void afterConfirm(String account, String id, String customer, String setupFutureUsage, boolean succeeded) {
        StoredMethod m = id == null ? null : owned(account, id);
        if (m == null) {
            return;
        }
        synchronized (m) {
            if (m.customer != null) {
                return;
            }
            if (succeeded && setupFutureUsage != null && customer != null) {
                m.customer = customer;
            } else {
                m.spent = true;
            }
        }
    }

    String customerOf(String id) {
        StoredMethod m = id == null ? null : methods.get(id);
        if (m == null) {
            return null;
        }
        synchronized (m) {
            return m.customer;
        }
    }

    int customersFor(String payrailCustomerId) {
        AtomicInteger n = new AtomicInteger();
        customers.forEachValue(c -> {
            Object md = c.json().get("metadata");
            if (md instanceof Map<?, ?> map && payrailCustomerId.equals(map.get("payrail_customer_id"))) {
                n.incrementAndGet();
            }
        });
        return n.get();
    }

    int paymentMethods() {
        return methods.size();
    }

    int customers() {
        return customers.size();
    }

    private StoredMethod owned(String account, String id) {
        StoredMethod m = id == null ? null : methods.get(id);
        return m != null && m.account.equals(account) ? m : null;
    }

    private static Map<String, String> metadata(Map<String, String> form) {
        Map<String, String> metadata = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring(9, k.length() - 1), v);
            }
        });
        return metadata;
    }

    private static int parse(String s) {
        return s != null && s.matches("[0-9]{1,4}") ? Integer.parseInt(s) : 0;
    }

    private static String brand(String pan) {
        if (pan.startsWith("4")) {
            return "visa";
        }
        if (pan.startsWith("34") || pan.startsWith("37")) {
            return "amex";
        }
        if (pan.startsWith("5") || pan.startsWith("2")) {
            return "mastercard";
        }
        return "unknown";
    }

    /** Stripe's fingerprint: the same card gives the same value within an account. */
    private static String fingerprint(String account, String pan) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((account + "|" + pan).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
