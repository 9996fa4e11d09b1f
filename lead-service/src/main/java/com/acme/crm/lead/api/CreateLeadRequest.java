package com.acme.crm.lead.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a client may send to create a lead. System fields are absent on purpose: sending one is a 400. */
public record CreateLeadRequest(
        @NotBlank @Size(max = 200) String topic,
        @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        @Size(max = 200) String companyName,
        @Email @Size(max = 254) String email) {
}
