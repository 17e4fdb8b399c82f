package dev.payrail.graphql;

import java.util.regex.Pattern;

import dev.payrail.common.ApiException;

/**
 * Amounts given to the GraphQL API: minor units as a decimal string of digits ({@code "1999"}).
 * Not a GraphQL number: SmallRye's integer scalars truncate a float variable ({@code 10.5} becomes
 * {@code 10}) before any resolver sees it, and a payment amount must never be a float. GraphQL's
 * String type refuses numbers, so {@code 10.5} and {@code 1999} are refused as input errors, and
 * anything but digits is refused here, naming the field.
 */
final class Amounts {

    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,17}");

    private Amounts() {
    }

    static Long parse(String value, String param) {
        if (value == null) {
            return null;
        }
        if (!DIGITS.matcher(value).matches()) {
            throw ApiException.badRequest(param.substring(param.lastIndexOf('.') + 1)
                    + " is an amount in minor units written as digits, e.g. \"1999\".", param);
        }
        return Long.parseLong(value);
    }
}
