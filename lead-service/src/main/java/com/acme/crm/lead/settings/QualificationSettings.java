package com.acme.crm.lead.settings;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The organisation-wide qualification settings: a single row (id 1), created by the migration. */
@Entity
@Table(name = "lead_qualification_settings")
public class QualificationSettings extends PanacheEntityBase {

    static final int THE_ROW = 1;

    @Id
    public int id;
    @Column(name = "create_records_by_default", nullable = false)
    public boolean createRecordsByDefault;
    @Version
    public long version;
    @Column(name = "modified_at")
    public Instant modifiedAt;
    @Column(name = "modified_by")
    public String modifiedBy;
}
