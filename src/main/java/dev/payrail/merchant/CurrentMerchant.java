package dev.payrail.merchant;

import jakarta.enterprise.context.RequestScoped;

import dev.payrail.common.ApiException;

/** The merchant of the current request, set by {@link ApiAuthFilter}. */
@RequestScoped
public class CurrentMerchant {

    private AuthenticatedMerchant merchant;

    void set(AuthenticatedMerchant merchant) {
        this.merchant = merchant;
    }

    public AuthenticatedMerchant get() {
        if (merchant == null) {
            throw ApiException.unauthorized();
        }
        return merchant;
    }

    public String id() {
        return get().id();
    }
}
