package com.acme.crm.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.UUID;

/** A person, usually working for an account. */
@Entity
@Table(name = "contact")
public class Contact extends OwnedRecord {

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

    public String fullName() {
        return firstName == null ? lastName : firstName + " " + lastName;
    }
}
