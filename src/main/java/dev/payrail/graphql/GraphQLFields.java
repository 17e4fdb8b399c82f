package dev.payrail.graphql;

/** Names of the REST API (snake_case) as GraphQL names (camelCase). */
final class GraphQLFields {

    private GraphQLFields() {
    }

    /**
     * The GraphQL argument path of a REST parameter: {@code card.expiry_month} under {@code input}
     * is {@code input.card.expiryMonth}; a metadata key is one of {@code input.customParameters}.
     */
    static String path(String root, String param) {
        String p = param;
        if (p.startsWith("metadata")) {
            p = "customParameters";
        }
        StringBuilder sb = new StringBuilder(root == null ? "" : root);
        for (String segment : p.split("\\.")) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(camel(segment));
        }
        return sb.toString();
    }

    static String camel(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
