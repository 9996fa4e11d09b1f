package com.acme.crm.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A postal address, stored in the lead's own row. */
@Embeddable
public class Address {
    public String street;
    public String city;
    @Column(name = "state_or_province")
    public String stateOrProvince;
    @Column(name = "postal_code")
    public String postalCode;
    public String country;
}
