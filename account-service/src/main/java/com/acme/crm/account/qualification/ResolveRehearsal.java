package com.acme.crm.account.qualification;

import com.acme.crm.common.messaging.IncomingMessages;
import com.acme.crm.common.warmup.Rehearsal;
import com.acme.crm.contracts.Lane;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The warm-up's rehearsal of this service's step (service-common {@code WarmUp}, rolled back): a
 * ResolveAccountAndContact for a made-up lead, read from its JSON as the consumer reads it, and
 * resolved as a real one is (duplicate search, account, contact, links, reply and events in the outbox).
 */
@ApplicationScoped
public class ResolveRehearsal implements Rehearsal {

    @Inject
    IncomingMessages messages;

    @Inject
    AccountAndContactResolver resolver;

    @Override
    public Uni<Void> run() {
        String unique = UUID.randomUUID().toString();
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), UUID.randomUUID(), "warm-up",
                true, true, null, null, DuplicatePolicy.REPORT,
                new ProspectDetails("Warm-up " + unique, null, null, "Warm", "Up " + unique, null,
                        "warm-up-" + unique + "@example.invalid", null, null, null, null, null, null, "DE"));
        return Uni.createFrom().item(() -> messages.asReceived(command, QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT))
                .chain(received -> resolver.resolve(received, Lane.INTERACTIVE));
    }
}
