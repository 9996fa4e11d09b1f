package com.acme.crm.account;

import com.acme.crm.account.duplicates.DuplicateFinder;
import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;


/** A company the sales team works with. */
@Entity
@Table(name = "account")
@SqlResultSetMapping(name = DuplicateFinder.ROW, columns = {
        @ColumnResult(name = "kind", type = String.class), @ColumnResult(name = "found_by", type = String.class),
        @ColumnResult(name = "id", type = UUID.class), @ColumnResult(name = "name", type = String.class),
        @ColumnResult(name = "detail", type = String.class), @ColumnResult(name = "extra", type = String.class),
        @ColumnResult(name = "created_at", type = Instant.class)})
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
