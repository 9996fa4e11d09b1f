package com.acme.crm.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A person, usually working for an account. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String email;
    @Column(name = "job_title")
    public String jobTitle;
    @Column(name = "business_phone")
    public String businessPhone;
    @Column(name = "mobile_phone")
    public String mobilePhone;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "originating_lead_id")
    public UUID originatingLeadId;
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

    public String fullName() {
        return firstName == null ? lastName : firstName + " " + lastName;
    }
}
