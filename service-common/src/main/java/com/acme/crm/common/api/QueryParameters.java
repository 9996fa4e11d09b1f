package com.acme.crm.common.api;

import com.acme.crm.common.problems.ProblemException;

import java.util.UUID;

/**
 * Query parameters read as text and converted here: JAX-RS answers a failed conversion of a
 * query parameter with 404, where a client deserves a 400 naming the parameter.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The id, or null when absent or empty. */
    public static UUID uuid(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() == 36) { // UUID.fromString also takes shortened forms such as "1-2-3-4-5"
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException notAnId) {
            // answered below
        }
        throw ProblemException.badRequest(name, "must be a UUID");
    }

    /** The whole number from {@code min} to {@code max}, or {@code otherwise} when absent or empty. */
    public static int number(String name, String value, int min, int max, int otherwise) {
        Integer number = number(name, value, min, max);
        return number == null ? otherwise : number;
    }

    /** The whole number from {@code min} to {@code max}, or null when absent or empty. */
    public static Integer number(String name, String value, int min, int max) {
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

    /** {@code true} or {@code false}; absent or empty is false. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest(name, "must be true or false");
    }

    /** The constant of {@code type} named {@code value}, or null when absent or empty. */
    public static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
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
