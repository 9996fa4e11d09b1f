package com.acme.crm.lead;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time at the database's precision (microseconds), so an answer shows what a later read will. */
public final class Now {

    private Now() {
    }

    public static Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
