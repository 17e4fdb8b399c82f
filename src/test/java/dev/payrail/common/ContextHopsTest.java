package dev.payrail.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.payrail.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A merchant's request reads its own merchant (a request-scoped bean) after every kind of asynchronous step
 * Payrail's code takes: a hop to a worker thread, then a Redis command, a PostgreSQL query, a detached
 * subscription and a delay. The request's duplicated Vert.x context alone does not carry the request context
 * past a worker thread; CDI's context propagation does, which is why application.properties leaves it on
 * (bench/README.md, "Fifteenth benchmark session": switched off, every reading here failed).
 */
@QuarkusTest
class ContextHopsTest {

    @Test
    void theRequestContextOutlivesEveryKindOfAsynchronousStep() {
        String[] merchant = Api.newMerchant();
        List<String> readings = Api.as(merchant[0], merchant[1]).get("/api/v1/test-context-hops").then().statusCode(200)
                .extract().jsonPath().getList("", String.class);
        String id = merchant[2];
        assertEquals(List.of(
                "emitOn worker: " + id + " on other thread",
                "runSubscriptionOn worker: " + id + " on other thread",
                "redis: " + id + " on event loop",
                "postgres: " + id + " on event loop",
                "detached: " + id + " on event loop",
                "delay: " + id + " on event loop"), readings);
    }
}
