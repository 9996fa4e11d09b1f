package com.acme.crm.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * The fields of a contact a create sets (all of them) or a patch changes (those present), as a client sends them
 * (checked by Bean Validation at the edge) and {@link ContactService} applies them.
 */
public record ContactInput(
        @Size(max = RecordLimits.FIRST_NAME) String firstName,
        @NotBlank(groups = AccountInput.OnCreate.class) @Size(max = RecordLimits.LAST_NAME) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String lastName,
        @Email @Size(max = RecordLimits.EMAIL) String email,
        @Size(max = RecordLimits.JOB_TITLE) String jobTitle,
        @Size(max = RecordLimits.PHONE) String businessPhone,
        @Size(max = RecordLimits.PHONE) String mobilePhone,
        UUID accountId) {
}
