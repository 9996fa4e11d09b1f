package com.acme.crm.common.persistence;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NativeValuesTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456Z");

    @Test
    void idsBecomeOneArrayLiteral() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        assertEquals("{" + a + "," + b + "}", NativeValues.uuidArray(List.of(a, b)));
        assertEquals("{}", NativeValues.uuidArray(List.of()));
    }

    @Test
    void aTimestampColumnIsReadAsTheInstantItHolds() {
        assertEquals(AT, NativeValues.instant(AT.atOffset(ZoneOffset.ofHours(2))));
        assertEquals(AT, NativeValues.instant(Timestamp.from(AT)));
        assertEquals(AT, NativeValues.instant(LocalDateTime.ofInstant(AT, ZoneOffset.UTC)));
        assertEquals(AT, NativeValues.instant(AT));
        assertEquals(AT, NativeValues.instant(OffsetDateTime.ofInstant(AT, ZoneOffset.UTC)));
        assertNull(NativeValues.instant(null));
    }
}
