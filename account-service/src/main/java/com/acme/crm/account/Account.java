package com.acme.crm.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;


/** A company the sales team works with. */
@Entity
@Table(name = "account")
public class Account extends OwnedRecord {

    public String name;
    /** The name as duplicate detection compares it (see {@code CompanyNames}). */
    @Column(name = "normalized_name")
    public String normalizedName;
    public String website;
    @Column(name = "website_domain")
    public String websiteDomain;
    public String industry;
    public String phone;
    public String street;
    public String city;
    @Column(name = "state_or_province")
    public String stateOrProvince;
    @Column(name = "postal_code")
    public String postalCode;
    public String country;
}
