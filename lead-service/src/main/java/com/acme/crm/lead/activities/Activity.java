package com.acme.crm.lead.activities;

import com.acme.crm.lead.ItemOfLead;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A phone call, email, task or appointment on a lead (SPEC §10). */
@Entity
@Table(name = "lead_activity")
public class Activity extends ItemOfLead {

    @Enumerated(EnumType.STRING)
    public ActivityType type;
    public String subject;
    public String description;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "start_at")
    public Instant startAt;
    @Column(name = "end_at")
    public Instant endAt;
    @Enumerated(EnumType.STRING)
    public Direction direction;
    @Column(name = "owner_id")
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public ActivityState state;
    public String outcome;
    @Column(name = "closed_at")
    public Instant closedAt;

    static Activity scheduled(UUID leadId, ActivityFields fields, String actor) {
        Activity activity = new Activity();
        activity.made(leadId, actor);
        activity.set(fields);
        activity.state = ActivityState.OPEN;
        return activity;
    }

    ActivityFields fields() {
        return new ActivityFields(type, subject, description, dueAt, startAt, endAt, direction, ownerId);
    }

    void set(ActivityFields fields) {
        type = fields.type();
        subject = fields.subject();
        description = fields.description();
        dueAt = fields.dueAt();
        startAt = fields.startAt();
        endAt = fields.endAt();
        direction = fields.direction();
        ownerId = fields.ownerId();
    }
}
