package com.acme.crm.account.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a client may send to create (all of it) or patch (the fields present) an account. */
public record AccountInput(
        @NotBlank(groups = OnCreate.class) @Size(max = 200) String name,
        @Size(max = 500) String website,
        @Size(max = 100) String industry,
        @Size(max = 50) String phone,
        @Size(max = 200) String street,
        @Size(max = 100) String city,
        @Size(max = 100) String stateOrProvince,
        @Size(max = 20) String postalCode,
        @Size(max = 100) String country) {

    /** Validation group of the create call, where required fields must be present. */
    public interface OnCreate extends jakarta.validation.groups.Default {
    }
}
