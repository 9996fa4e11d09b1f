package com.acme.crm.account.api;

import com.acme.crm.account.RecordLimits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** What a client may send to create (all of it) or patch (the fields present) a contact. */
public record ContactInput(
        @Size(max = RecordLimits.FIRST_NAME) String firstName,
        @NotBlank(groups = AccountInput.OnCreate.class) @Size(max = RecordLimits.LAST_NAME) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String lastName,
        @Email @Size(max = RecordLimits.EMAIL) String email,
        @Size(max = RecordLimits.JOB_TITLE) String jobTitle,
        @Size(max = RecordLimits.PHONE) String businessPhone,
        @Size(max = RecordLimits.PHONE) String mobilePhone,
        UUID accountId) {
}
