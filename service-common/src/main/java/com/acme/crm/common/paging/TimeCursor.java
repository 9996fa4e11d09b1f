package com.acme.crm.common.paging;

import com.acme.crm.common.problems.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor for lists in "newest first" order: the creation time and id of the
 * last item shown. Stable under inserts, unlike offsets.
 */
public record TimeCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ProblemException 400 when the cursor was not made by {@link #encode()} */
    public static TimeCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimeCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "not a cursor this API made");
        }
    }
}
