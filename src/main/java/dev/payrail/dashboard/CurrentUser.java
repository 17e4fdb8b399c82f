package dev.payrail.dashboard;

import jakarta.enterprise.context.RequestScoped;

import dev.payrail.dashboard.security.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * The signed-in dashboard user of this request, set by {@link DashboardFilter} before any dashboard
 * resource method runs: the user, its merchant, the CSRF token of its forms, the client IP; and
 * {@link #audit} to record what the user did.
 */
@RequestScoped
public class CurrentUser {

    private SessionStore.Found session;
    private String token;
    private String ip;
    private AuditTrail audit;
    private String requestLine;

    void set(SessionStore.Found session, String token, String ip, AuditTrail audit) {
        this.session = session;
        this.token = token;
        this.ip = ip;
        this.audit = audit;
    }

    void anonymous(String ip, AuditTrail audit) {
        this.ip = ip;
        this.audit = audit;
    }

    void requestLine(String line) {
        this.requestLine = line;
    }

    /** "METHOD path needs permission", for audit rows of refusals. */
    String requestLine() {
        return requestLine;
    }

    public boolean signedIn() {
        return session != null;
    }

    public DashboardUser user() {
        if (session == null) {
            throw new IllegalStateException("no dashboard session");
        }
        return session.user();
    }

    public String userId() {
        return user().id();
    }

    public String email() {
        return user().email();
    }

    public Role role() {
        return user().role();
    }

    /** The user's merchant: scope every query with it. */
    public String merchantId() {
        return user().merchantId();
    }

    public String merchantName() {
        return session.merchantName();
    }

    /** Test mode: the merchant's API key is a {@code key_test_} key. */
    public boolean testMode() {
        return session.apiKeyId() != null && session.apiKeyId().startsWith("key_test_");
    }

    /** Whether the user's role grants {@code permission} (for showing links and buttons; the filter enforces). */
    public boolean can(Permission permission) {
        return session != null && "full".equals(session.stage()) && role().allows(permission);
    }

    /** The value of the hidden {@code _csrf} field every form of this session must carry. */
    public String csrf() {
        return Tokens.csrf(token);
    }

    public String sessionId() {
        return session.sessionId();
    }

    public String stage() {
        return session.stage();
    }

    public String ip() {
        return ip;
    }

    /** Writes {@code action} on {@code objectId} (may be null) by this user to the audit log, with IP and request id. */
    public Uni<Void> audit(String action, String objectId, String detail) {
        return audit.write(merchantId(), userId(), ip, action, objectId, detail);
    }
}
