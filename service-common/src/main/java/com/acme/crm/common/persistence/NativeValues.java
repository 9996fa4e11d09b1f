package com.acme.crm.common.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Values as they cross a native statement, the same way in every statement: many ids bound as one array parameter,
 * and a timestamp column read back.
 */
public final class NativeValues {

    private NativeValues() {
    }

    /**
     * {@code ids} as one PostgreSQL array literal ({@code {id,id,…}}), which a statement reads as
     * {@code cast(cast(:ids as text) as uuid[])}: one SQL text whatever their number, so the plan cache keeps one entry.
     */
    public static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** A timestamptz column of a native select, as the driver returns it (an OffsetDateTime, usually), or null. */
    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (column instanceof Timestamp time) {
            return time.toInstant();
        }
        if (column instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC);
        }
        return (Instant) column;
    }
}
