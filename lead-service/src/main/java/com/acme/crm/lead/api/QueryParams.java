package com.acme.crm.lead.api;

import com.acme.crm.common.api.ProblemException;

/**
 * Query parameters are read as text and converted here: JAX-RS would answer a failed conversion
 * of a query parameter with 404, where a client deserves a 400 naming the parameter.
 */
final class QueryParams {

    private QueryParams() {
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest(name, "must be true or false");
    }

    static Integer number(String name, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            return null;
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

    static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException unknown) {
            throw ProblemException.badRequest(name, "is not a known " + type.getSimpleName() + ": " + value);
        }
    }
}
