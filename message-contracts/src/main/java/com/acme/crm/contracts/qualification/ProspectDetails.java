package com.acme.crm.contracts.qualification;

/** What the lead knows about the company and the person, for the account and contact to be made from. */
public record ProspectDetails(
        String companyName,
        String website,
        String industry,
        String firstName,
        String lastName,
        String jobTitle,
        String email,
        String businessPhone,
        String mobilePhone,
        String street,
        String city,
        String stateOrProvince,
        String postalCode,
        String country) {
}
