package com.acme.crm.lead.contacts;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A contact as lead-service last heard of it on crm.account.events (never read from account-service's database). */
@Entity
@Table(name = "contact_copy")
public class ContactCopy extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String email;
    @Column(name = "job_title")
    public String jobTitle;
    /** The contact's version in account-service: an older event never overwrites a newer copy. */
    @Column(name = "source_version")
    public long sourceVersion;
    public boolean deleted;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
