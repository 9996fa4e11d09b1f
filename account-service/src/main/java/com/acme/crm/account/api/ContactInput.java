package com.acme.crm.account.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** What a client may send to create (all of it) or patch (the fields present) a contact. */
public record ContactInput(
        @Size(max = 100) String firstName,
        @NotBlank(groups = AccountInput.OnCreate.class) @Size(max = 100) String lastName,
        @Email @Size(max = 254) String email,
        @Size(max = 100) String jobTitle,
        @Size(max = 50) String businessPhone,
        @Size(max = 50) String mobilePhone,
        UUID accountId) {
}
