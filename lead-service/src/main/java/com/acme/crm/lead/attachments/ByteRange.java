package com.acme.crm.lead.attachments;

import com.acme.crm.common.problems.Problem;
import com.acme.crm.common.problems.ProblemException;

/**
 * The bytes a download sends (RFC 9110 §14): all of them, or the one range a {@code Range: bytes=}
 * header asks for. Multiple ranges and other units are ignored (the whole file is sent, as the RFC
 * allows); a range that starts beyond the end is not satisfiable (416). Written by hand: Vert.x's
 * static file handler parses ranges only for files on disk.
 *
 * @param first the first byte's offset
 * @param last  the last byte's offset (inclusive)
 */
public record ByteRange(long first, long last, boolean partial) {

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range of a {@code size}-byte file that {@code header} (may be null) asks for; {@code size} is never 0. */
    public static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(0, size - 1, false);
        if (header == null || !header.trim().startsWith("bytes=")) {
            return whole;
        }
        String spec = header.trim().substring("bytes=".length()).trim();
        if (spec.contains(",")) {
            return whole;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) { // the last n bytes
                long n = Long.parseLong(to);
                if (n <= 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - n), size - 1, true);
            }
            long first = Long.parseLong(from);
            long asked = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (first < 0 || asked < first) {
                return whole; // not a valid range: ignored
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return new ByteRange(first, Math.min(asked, size - 1), true);
        } catch (NumberFormatException unreadable) {
            return whole;
        }
    }

    private static ProblemException unsatisfiable(long size) {
        return new ProblemException(Problem.of(416, "range-not-satisfiable", "Range Not Satisfiable",
                "the file has " + size + " bytes").withExtensions(java.util.Map.of("size", size)));
    }
}
