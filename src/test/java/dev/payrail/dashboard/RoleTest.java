package dev.payrail.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The permission matrix of issue 17, written out: viewer reads; support also refunds; operator also captures,
 * cancels and creates orders/links; admin also manages keys, webhooks, origins, users, settings and sees the audit. */
class RoleTest {

    private static final Map<Role, Set<Permission>> EXPECTED = Map.of(
            Role.VIEWER, EnumSet.of(Permission.READ),
            Role.SUPPORT, EnumSet.of(Permission.READ, Permission.REFUND),
            Role.OPERATOR, EnumSet.of(Permission.READ, Permission.REFUND, Permission.CAPTURE, Permission.CANCEL,
                    Permission.CREATE_ORDERS),
            Role.ADMIN, EnumSet.of(Permission.READ, Permission.REFUND, Permission.CAPTURE, Permission.CANCEL,
                    Permission.CREATE_ORDERS, Permission.MANAGE_KEYS, Permission.MANAGE_WEBHOOKS,
                    Permission.MANAGE_ORIGINS, Permission.MANAGE_USERS, Permission.MANAGE_SETTINGS, Permission.VIEW_AUDIT));

    private static final Set<Permission> EVERY_SESSION = EnumSet.of(Permission.SIGN_IN, Permission.SESSION,
            Permission.ACCOUNT);

    @Test
    void matrixIsTheIssuesMatrix() {
        for (Role role : Role.values()) {
            for (Permission p : Permission.values()) {
                boolean expected = EVERY_SESSION.contains(p) || EXPECTED.get(role).contains(p);
                assertEquals(expected, role.allows(p), role + " × " + p);
            }
        }
    }

    @Test
    void rolesReadFromTheirCodes() {
        for (Role role : Role.values()) {
            assertEquals(role, Role.of(role.code()));
        }
        assertEquals(null, Role.of("owner"));
        assertEquals(null, Role.of("ADMIN"));
    }
}
