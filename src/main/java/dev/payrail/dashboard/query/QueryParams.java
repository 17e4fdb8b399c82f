package dev.payrail.dashboard.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.payrail.common.ApiException;

/** Query parameters as the filters read them: one value each. */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * One value per parameter from a multi-valued map (JAX-RS {@code UriInfo#getQueryParameters()});
     * a parameter given twice is a 400 naming it rather than a silent pick.
     */
    public static Map<String, String> single(Map<String, List<String>> query) {
        Map<String, String> out = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                return;
            }
            if (values.size() > 1) {
                throw ApiException.badRequest(name + " may be given once.", name);
            }
            out.put(name, values.get(0));
        });
        return out;
    }
}
