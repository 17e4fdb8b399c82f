package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import dev.payrail.idempotency.StoredResponse;
import io.vertx.pgclient.PgException;

/** Which failures are the infrastructure's (503, Retry-After, never remembered by an idempotency key). */
class InfrastructureFailuresTest {

    @Test
    void unreachableOrFailingServersAreInfrastructure() {
        assertNotNull(InfrastructureFailures.answer(new ConnectException("Connection refused: /127.0.0.1:5432")));
        assertNotNull(InfrastructureFailures.answer(new RuntimeException(new java.util.concurrent.TimeoutException())));
        assertEquals("postgresql", InfrastructureFailures.dependency(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertEquals("postgresql", InfrastructureFailures.dependency(
                new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertEquals("postgresql", InfrastructureFailures.dependency(
                new PgException("connection failure", "FATAL", "08006", null)));
        // a pooled connection PostgreSQL dropped during an outage, wrapped by the layer that met it
        assertEquals("postgresql", InfrastructureFailures.dependency(new IllegalStateException("HibernateException",
                new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED"))));
    }

    @Test
    void statementErrorsAreNot() {
        assertNull(InfrastructureFailures.dependency(
                new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertNull(InfrastructureFailures.dependency(new IllegalStateException("a bug")));
        assertNull(InfrastructureFailures.dependency(new NullPointerException()));
        assertNull(InfrastructureFailures.dependency(new io.vertx.core.impl.NoStackTraceThrowable("Invalid value")));
    }

    @Test
    void theAnswerIs503ProblemWithRetryAfter() {
        Response r = ProblemMappers.toResponse(new RuntimeException("pool", new ConnectException("Connection refused")));
        assertEquals(503, r.getStatus());
        assertEquals(Problems.MEDIA_TYPE, r.getMediaType().toString());
        assertEquals(InfrastructureFailures.RETRY_AFTER_SECONDS, r.getHeaderString("Retry-After"));
        assertTrue(r.getEntity().toString().contains("\"code\":\"SERVICE_UNAVAILABLE\""), r.getEntity().toString());
    }

    @Test
    void aRetryLaterAnswerIsNeverBoundToAnIdempotencyKey() {
        assertFalse(new StoredResponse(503, Problems.MEDIA_TYPE, Map.of("Retry-After", "2"), new byte[0]).storable());
        // A payment that failed because no provider took it is final: its 503 is remembered.
        assertTrue(new StoredResponse(503, Problems.MEDIA_TYPE, Map.of(), new byte[0]).storable());
        assertTrue(new StoredResponse(201, "application/json", Map.of(), new byte[0]).storable());
    }
}
