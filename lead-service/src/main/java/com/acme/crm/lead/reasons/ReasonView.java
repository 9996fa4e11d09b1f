package com.acme.crm.lead.reasons;

import com.acme.crm.lead.StatusReason;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A disqualification reason as the settings API shows it. */
public record ReasonView(
        @Schema(description = "Upper-case letters, digits and _", pattern = StatusReason.CODE_PATTERN) String code,
        String label,
        @Schema(description = "System reasons are fixed: always active, label unchangeable") boolean system,
        @Schema(description = "A retired reason (false) can no longer be chosen but stays on the leads that have it") boolean active) {

    static ReasonView of(StatusReason system) {
        return new ReasonView(system.code(), system.label(), true, true);
    }

    static ReasonView of(DisqualificationReason reason) {
        return new ReasonView(reason.code, reason.label, false, reason.active);
    }
}
