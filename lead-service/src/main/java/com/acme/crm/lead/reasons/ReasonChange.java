package com.acme.crm.lead.reasons;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A merge patch of an organisation's reason: a new label, retiring it ({@code active: false}) or bringing it back. */
public record ReasonChange(
        @Schema(nullable = true) @Size(min = 1, max = DisqualificationReason.MAX_LABEL_LENGTH) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String label,
        @Schema(nullable = true) Boolean active) {

    @AssertTrue(message = "name label or active (or both)")
    @Schema(hidden = true)
    public boolean isChange() {
        return label != null || active != null;
    }
}
