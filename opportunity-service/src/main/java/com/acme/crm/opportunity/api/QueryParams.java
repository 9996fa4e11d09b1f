package com.acme.crm.opportunity.api;

import com.acme.crm.common.api.ProblemException;

import java.util.UUID;

/**
 * Query parameters are read as text and converted here: JAX-RS would answer a failed conversion
 * of a query parameter with 404, where a client deserves a 400 naming the parameter (as lead-service does).
 */
final class QueryParams {

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a whole number from " + min + " to " + max);
    }
}
