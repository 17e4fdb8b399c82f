package dev.payrail.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a dashboard resource method needs. {@link DashboardFilter} refuses every request under
 * {@code /dashboard} whose method (or class) lacks it, so a page cannot forget it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {
    Permission value();
}
