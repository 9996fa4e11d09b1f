package com.acme.crm.lead;

import org.hibernate.exception.ConstraintViolationException;

/** A row that a unique key already has: two callers created the same thing at once. Answered as 409, never as 500. */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean detected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && UNIQUE_VIOLATION.equals(violation.getSQLState())) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
