package dev.payrail.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits a public (unauthenticated) endpoint per client IP with
 * {@code payrail.rate-limit.public.*}. Put it on a resource class or method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface PublicRateLimited {
}
