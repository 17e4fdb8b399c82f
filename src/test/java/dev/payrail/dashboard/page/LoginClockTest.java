package dev.payrail.dashboard.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The login's 429 page says when to try again as HH:mm:ss UTC, on a whole minute too. */
class LoginClockTest {

    @Test
    void secondsAreShownOnAWholeMinuteAndTheTimeIsUtc() {
        assertEquals("08:07:00 UTC", LoginResource.clock(OffsetDateTime.of(2026, 12, 3, 8, 7, 0, 0, ZoneOffset.UTC)));
        assertEquals("08:07:09 UTC", LoginResource.clock(OffsetDateTime.of(2026, 12, 3, 9, 7, 9, 500, ZoneOffset.ofHours(1))));
    }
}
