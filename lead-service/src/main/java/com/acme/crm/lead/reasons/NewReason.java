package com.acme.crm.lead.reasons;

import com.acme.crm.lead.StatusReason;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An admin's new disqualification reason. */
public record NewReason(
        @NotNull @Pattern(regexp = StatusReason.CODE_PATTERN, message = "must be 1 to 30 upper-case letters, digits and _") String code,
        @NotBlank @Size(max = DisqualificationReason.MAX_LABEL_LENGTH) String label) {
}
