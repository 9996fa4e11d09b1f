package com.acme.crm.lead.reasons;

import com.acme.crm.lead.settings.AdminSetting;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One of the organisation's own disqualification reasons (the system's reasons are constants of StatusReason). */
@Entity
@Table(name = "disqualification_reason")
public class DisqualificationReason extends AdminSetting {

    public static final int MAX_LABEL_LENGTH = 100;

    @Id
    public String code;
    public String label;
    public boolean active;
}
