package dev.payrail.connector.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Alipay's timestamps: {@code yyyy-MM-dd HH:mm:ss} in China Standard Time (GMT+8, no daylight saving). */
public final class AlipayTime {

    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.atOffset(CHINA));
    }

    /** The instant of an Alipay timestamp, or {@code null} when it is not one. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), FORMAT).toInstant(CHINA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
