package dev.payrail.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the JSON fields that carry a card number: the only strings of a request body that may
 * look like one ({@link TextGuard}, {@link StrictText}). NUL characters and lone surrogates are
 * refused there too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
public @interface CardNumberField {
}
