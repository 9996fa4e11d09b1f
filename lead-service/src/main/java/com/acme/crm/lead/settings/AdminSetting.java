package com.acme.crm.lead.settings;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.Instant;

/** A setting admins change: who changed it last and when, and a version so two admins' changes do not overwrite each other silently. */
@MappedSuperclass
public abstract class AdminSetting extends PanacheEntityBase {

    @Version
    public long version;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;
}
