package dev.payrail.dashboard;

import jakarta.inject.Singleton;

/** The session cookie and the login form's CSRF cookie: HttpOnly, SameSite=Strict, Secure outside dev and test. */
@Singleton
public class DashboardCookies {

    public static final String SESSION = "payrail_dash";
    public static final String LOGIN = "payrail_dash_login";

    private final DashboardConfig config;

    DashboardCookies(DashboardConfig config) {
        this.config = config;
    }

    /** A {@code Set-Cookie} value for the session token (a browser-session cookie: the server decides expiry). */
    public String session(String token) {
        return cookie(SESSION, token, "/dashboard", -1);
    }

    public String clearSession() {
        return cookie(SESSION, "", "/dashboard", 0);
    }

    public String login(String token) {
        return cookie(LOGIN, token, "/dashboard/login", 3600);
    }

    private String cookie(String name, String value, String path, int maxAge) {
        return name + "=" + value + "; Path=" + path + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + "; HttpOnly; SameSite=Strict"
                + (config.secureCookie() ? "; Secure" : "");
    }
}
