package dev.payrail.merchant;

import jakarta.enterprise.context.RequestScoped;

import dev.payrail.common.ApiException;

/** The merchant of the current request, set by {@link ApiAuthFilter}. */
@RequestScoped
public class CurrentMerchant {

    private AuthenticatedMerchant merchant;
    private boolean publishable;

    void set(AuthenticatedMerchant merchant) {
        this.merchant = merchant;
    }

    /** Set by {@link PublishableKeyFilter}: the caller is a customer's browser holding the merchant's publishable key. */
    void setPublishable(AuthenticatedMerchant merchant) {
        this.merchant = merchant;
        this.publishable = true;
    }

    /** Whether the caller authenticated with a publishable key only (the public checkout endpoints). */
    public boolean publishable() {
        return publishable;
    }

    /**
     * The namespace of the caller's idempotency keys: customers' browsers (publishable key) never
     * share one with the merchant's own server.
     */
    public String idempotencyScope() {
        return publishable ? "checkout:" + id() : id();
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
