package dev.payrail.dashboard;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.payrail.audit.Actor;
import dev.payrail.common.RequestIds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes dashboard actions to the append-only audit_log (actor_type {@code dashboard_user}, the user's id,
 * the merchant, the client IP and the request id) and reads a merchant's log back for the audit page.
 */
@Singleton
public class AuditTrail {

    /** One audit row as the audit page shows it. */
    public record Entry(long id, String createdAt, String actorType, String actorId, String actorEmail, String action,
            String objectId, String ip, String requestId, String detail) {
    }

    private final Pool pool;

    AuditTrail(Pool pool) {
        this.pool = pool;
    }

    /** Records {@code action} by the signed-in {@code user} (see {@link CurrentUser#audit} for the usual way). */
    public Uni<Void> write(String merchantId, String userId, String ip, String action, String objectId, String detail) {
        return write(Actor.DASHBOARD_USER, userId, merchantId, ip, action, objectId, detail);
    }

    /** Records {@code action} by any actor type of audit_log ({@link Actor}). */
    public Uni<Void> write(String actorType, String actorId, String merchantId, String ip, String action, String objectId,
            String detail) {
        return pool.preparedQuery("INSERT INTO audit_log (actor_type, actor_id, merchant_id, action, object_id, request_id, "
                + "ip, detail, created_at) VALUES ($8, $1, $2, $3, $4, $5, $6, $7, now())")
                .execute(Tuple.from(new Object[] { actorId, merchantId, action, objectId, RequestIds.current(), ip,
                        detail == null ? null : detail.length() > 255 ? detail.substring(0, 255) : detail, actorType }))
                .replaceWithVoid();
    }

    /** The merchant's audit entries (all actors), newest first, older than {@code beforeId} when given. */
    public Uni<List<Entry>> page(String merchantId, Long beforeId, int limit) {
        return pool.preparedQuery("""
                SELECT a.id, to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS at, a.actor_type, a.actor_id,
                       u.email, a.action, a.object_id, a.ip, a.request_id, a.detail
                  FROM audit_log a LEFT JOIN dashboard_users u ON a.actor_type = 'dashboard_user' AND u.id = a.actor_id
                 WHERE a.merchant_id = $1 AND ($2::bigint IS NULL OR a.id < $2)
                 ORDER BY a.id DESC LIMIT $3""").execute(Tuple.of(merchantId, beforeId, limit))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Entry(r.getLong("id"), r.getString("at"), r.getString("actor_type"),
                                r.getString("actor_id"), r.getString("email"), r.getString("action"),
                                r.getString("object_id"), r.getString("ip"), r.getString("request_id"), r.getString("detail")));
                    }
                    return out;
                });
    }
}
