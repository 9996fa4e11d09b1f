package com.acme.crm.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The fields of an account a create sets (all of them) or a patch changes (those present), as a client sends them
 * (checked by Bean Validation at the edge) and {@link AccountService} applies them.
 */
public record AccountInput(
        @NotBlank(groups = OnCreate.class) @Size(max = RecordLimits.ACCOUNT_NAME) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String name,
        @Size(max = RecordLimits.WEBSITE) String website,
        @Size(max = RecordLimits.INDUSTRY) String industry,
        @Size(max = RecordLimits.PHONE) String phone,
        @Size(max = RecordLimits.STREET) String street,
        @Size(max = RecordLimits.CITY) String city,
        @Size(max = RecordLimits.STATE_OR_PROVINCE) String stateOrProvince,
        @Size(max = RecordLimits.POSTAL_CODE) String postalCode,
        @Size(max = RecordLimits.COUNTRY) String country) {

    /** Validation group of the create call, where required fields must be present. */
    public interface OnCreate extends jakarta.validation.groups.Default {
    }
}
