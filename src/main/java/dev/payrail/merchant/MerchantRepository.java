package dev.payrail.merchant;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class MerchantRepository implements PanacheRepositoryBase<Merchant, String> {

    public Uni<Merchant> findByApiKey(String apiKeyId) {
        return find("apiKeyId", apiKeyId).firstResult();
    }

    public Uni<Merchant> findByPublishableKey(String publishableKey) {
        return find("publishableKey", publishableKey).firstResult();
    }

    /** Newest first; {@code startingAfter} is the id of the last merchant of the previous page. */
    public Uni<List<Merchant>> page(String startingAfter, int fetch) {
        if (startingAfter == null) {
            return find("order by createdAt desc, id desc").page(0, fetch).list();
        }
        return find("from Merchant m where exists (select 1 from Merchant c where c.id = ?1 and "
                + "(m.createdAt < c.createdAt or (m.createdAt = c.createdAt and m.id < c.id))) "
                + "order by m.createdAt desc, m.id desc", startingAfter)
                .page(0, fetch).list();
    }
}
