package com.acme.crm.lead.qualification;

import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.warmup.Rehearsal;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.lead.Lead;
import com.acme.crm.lead.LeadBodyReader;
import com.acme.crm.lead.LeadService;
import com.acme.crm.lead.access.Roles;
import com.acme.crm.lead.decisions.QualifyChoices;
import com.acme.crm.lead.qualification.QualificationStarter.Start;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/**
 * The warm-up's rehearsal of this service's part of a qualification (service-common {@code WarmUp},
 * rolled back): a made-up lead is created, its qualification started, the reply consumer's batch
 * preparation run for it, and the account service's reply read from its JSON and handled, which puts
 * CreateOpportunity in the outbox. It stops
 * there: the attempt's end would count a metric and wake waiters, which must not happen.
 */
@ApplicationScoped
public class QualificationRehearsal implements Rehearsal {

    private static final SecurityIdentity WARM_UP = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("warm-up")).addRole(Roles.SALESPERSON).build();

    @Inject
    ObjectMapper json;

    @Inject
    IncomingMessages messages;

    @Inject
    LeadBodyReader bodies;

    @Inject
    LeadService leads;

    @Inject
    QualificationStarter starter;

    @Inject
    QualificationSaga saga;

    @Override
    public Uni<Void> run() {
        String unique = UUID.randomUUID().toString();
        return Uni.createFrom().item(() -> bodies.forCreate(json.createObjectNode()
                        .put("topic", "Warm-up").put("lastName", "Up " + unique).put("companyName", "Warm-up " + unique)
                        .put("email", "warm-up-" + unique + "@example.invalid").put("currency", "EUR")))
                .chain(fields -> leads.create(fields, false, WARM_UP))
                .chain(lead -> starter.start(new Start(lead.id, new QualifyChoices(true, true, true, null, null, "EUR", null),
                                null, null), WARM_UP)
                        // the reply consumer's batch preparation first, as for a real batch
                        .chain(attempt -> saga.prepare(Set.of(lead.id), Set.of(lead.id)).chain(() -> saga.on(reply(lead, attempt.id)))));
    }

    private AccountAndContactResolved reply(Lead lead, UUID attempt) {
        return messages.asReceived(new AccountAndContactResolved(attempt, lead.id, UUID.randomUUID(), UUID.randomUUID()),
                QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED);
    }
}
