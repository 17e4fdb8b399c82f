package dev.payrail.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.payrail.common.ApiException;
import dev.payrail.common.Problems;

/**
 * Hides the emulators when the sandbox is off (prod): their paths, including their admin
 * settings, answer the ordinary 404 of an unknown path.
 */
public class SandboxGuard {

    private final boolean enabled;

    SandboxGuard(SandboxConfig config) {
        this.enabled = config.enabled();
    }

    @ServerRequestFilter(preMatching = true)
    public Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (enabled || !(path.startsWith("/sandbox/") || path.startsWith("/admin/v1/sandbox/"))) {
            return null;
        }
        return Problems.response(new ApiException(404, "NOT_FOUND_ERROR", "No resource at this path.", null));
    }

    public boolean enabled() {
        return enabled;
    }
}
