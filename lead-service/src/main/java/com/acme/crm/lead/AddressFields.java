package com.acme.crm.lead;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** A lead's postal address as a client writes it and the API shows it. */
public record AddressFields(
        @Schema(nullable = true) @Size(max = 200) String street,
        @Schema(nullable = true) @Size(max = 100) String city,
        @Schema(nullable = true) @Size(max = 100) String stateOrProvince,
        @Schema(nullable = true) @Size(max = 20) String postalCode,
        @Schema(nullable = true) @Size(max = 100) String country) {

    public static AddressFields of(Address address) {
        if (address == null) {
            return null;
        }
        return new AddressFields(address.street, address.city, address.stateOrProvince, address.postalCode, address.country);
    }

    Address toAddress() {
        Address address = new Address();
        address.street = street;
        address.city = city;
        address.stateOrProvince = stateOrProvince;
        address.postalCode = postalCode;
        address.country = country;
        return address;
    }
}
