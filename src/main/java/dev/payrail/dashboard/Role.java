package dev.payrail.dashboard;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A dashboard user's role and the permissions it grants (the server-side matrix). */
public enum Role {
    VIEWER(EnumSet.of(Permission.READ)),
    SUPPORT(EnumSet.of(Permission.READ, Permission.REFUND)),
    OPERATOR(EnumSet.of(Permission.READ, Permission.REFUND, Permission.CAPTURE, Permission.CANCEL,
            Permission.CREATE_ORDERS)),
    ADMIN(EnumSet.complementOf(EnumSet.of(Permission.SIGN_IN, Permission.SESSION, Permission.SECOND_FACTOR,
            Permission.ACCOUNT)));

    private final Set<Permission> granted;

    Role(Set<Permission> granted) {
        this.granted = granted;
    }

    /** Whether a fully signed-in user of this role may do what {@code permission} guards. */
    public boolean allows(Permission permission) {
        return switch (permission) {
            case SIGN_IN, SESSION, ACCOUNT -> true;
            case SECOND_FACTOR -> false;
            default -> granted.contains(permission);
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code code} (admin, operator, viewer, support), or {@code null}. */
    public static Role of(String code) {
        if (code == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }
}
