package com.acme.crm.lead.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The organisation-wide qualification settings: a single row (id 1), created by the migration. */
@Entity
@Table(name = "lead_qualification_settings")
public class QualificationSettings extends AdminSetting {

    static final int THE_ROW = 1;

    @Id
    public int id;
    @Column(name = "create_records_by_default", nullable = false)
    public boolean createRecordsByDefault;
}
