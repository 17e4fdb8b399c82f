package dev.payrail.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The permission a dashboard resource method needs. {@link DashboardFilter} refuses every request under
 * {@code /dashboard} whose method (or class) lacks it, so a page cannot forget it; and it binds
 * {@link CsrfCheck}, which checks the {@code _csrf} field of every POST.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface Requires {
    @Nonbinding
    Permission value();
}
