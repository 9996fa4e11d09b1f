package com.acme.crm.lead;

import com.acme.crm.common.api.ProblemException;
import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.Topics;
import com.acme.crm.lead.api.CreateLeadRequest;
import com.acme.crm.lead.api.LeadView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/** The lead's lifecycle: every change is one transaction with its event in the outbox. */
@ApplicationScoped
public class LeadService {

    @Inject
    Outbox outbox;

    @WithTransaction
    public Uni<LeadView> create(CreateLeadRequest request, String actor) {
        Instant now = Instant.now();
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.topic = request.topic();
        lead.firstName = request.firstName();
        lead.lastName = request.lastName();
        lead.companyName = request.companyName();
        lead.email = request.email();
        lead.ownerId = actor;
        lead.state = LeadState.OPEN;
        lead.statusReason = StatusReason.NEW;
        lead.createdAt = now;
        lead.createdBy = actor;
        lead.modifiedAt = now;
        lead.modifiedBy = actor;
        return lead.<Lead>persist()
                .map(LeadView::of)
                .call(view -> outbox.publish(Topics.LEAD_EVENTS, view.id(), PublicEvents.LEAD_CREATED, view));
    }

    @WithSession
    public Uni<LeadView> get(UUID id) {
        return Lead.<Lead>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id))
                .map(LeadView::of);
    }
}
