package dev.payrail.report;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Accept: text/csv} (without JSON among the accepted types) on {@code /api/v1/reports/transactions}
 * or {@code /settlement} answers with that report's CSV, as its {@code .csv} path does.
 */
@Provider
@PreMatching
public class CsvByAccept implements ContainerRequestFilter {

    private static final String PREFIX = "/api/v1/reports/";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod())) {
            return; // before the URI, which is parsed on first use: a payment's POST never pays for it
        }
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!(path.equals(PREFIX + "transactions") || path.equals(PREFIX + "settlement"))) {
            return;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !accept.toLowerCase().contains(ReportResource.CSV) || accept.toLowerCase().contains("json")) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String query = uri.getRawQuery();
        request.setRequestUri(URI.create(path + ".csv" + (query == null ? "" : "?" + query)));
    }
}
