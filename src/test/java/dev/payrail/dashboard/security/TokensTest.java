package dev.payrail.dashboard.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The session token, its stored digest and the CSRF token derived from it. */
class TokensTest {

    @Test
    void csrfTokenIsTiedToItsSession() {
        String a = Tokens.newToken();
        String b = Tokens.newToken();
        assertTrue(Tokens.csrfMatches(a, Tokens.csrf(a)));
        assertFalse(Tokens.csrfMatches(b, Tokens.csrf(a)), "another session's token");
        assertFalse(Tokens.csrfMatches(a, null));
        assertFalse(Tokens.csrfMatches(null, Tokens.csrf(a)));
        assertFalse(Tokens.csrfMatches(a, ""));
    }

    @Test
    void neitherTheStoredIdNorTheCsrfTokenRevealsTheCookie() {
        String token = Tokens.newToken();
        String id = Tokens.sessionId(token);
        assertEquals(64, id.length());
        assertNotEquals(token, id);
        assertNotEquals(Tokens.csrf(token), token);
        assertFalse(Tokens.csrfMatches(token, id), "the stored digest is not a valid form token");
    }

    @Test
    void tokensAreRandomAndWellFormed() {
        String t = Tokens.newToken();
        assertTrue(Tokens.wellFormed(t));
        assertNotEquals(t, Tokens.newToken());
        assertFalse(Tokens.wellFormed("short"));
        assertFalse(Tokens.wellFormed(null));
        assertFalse(Tokens.wellFormed(t.substring(1) + "!"));
    }
}
