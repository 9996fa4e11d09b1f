package com.acme.crm.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A company the sales team works with. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;
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
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "originating_lead_id")
    public UUID originatingLeadId;
    /** The qualification attempt that made it, so that a failed attempt can remove exactly its own records. */
    @Column(name = "created_by_qualification")
    public UUID createdByQualification;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Version
    public long version;
}
