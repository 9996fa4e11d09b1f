package com.acme.crm.lead.timeline;

import com.acme.crm.common.problems.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a timeline page ended: the last item's time, kind and key (the three sort keys). Opaque to clients. */
record TimelineCursor(Instant at, String kind, String key) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + kind + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            TimelineKind.valueOf(parts[1]);
            return new TimelineCursor(Instant.parse(parts[0]), parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor", "not a cursor this API made");
        }
    }
}
