package com.acme.crm.account;

import com.acme.crm.common.inbox.Inbox;
import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resolve's native selects and the inbox's batch insert stay out of Hibernate's query plan cache (PlanCacheBypass):
 * Hibernate Reactive 3.1 cannot find a native select there again, so each resolve or batch would add entries that
 * every later lookup walks.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PlanCacheTest {

    @Inject
    ObjectMapper json;

    @Inject
    Mutiny.SessionFactory factory;

    @Inject
    Inbox inbox;

    @Test
    void resolvesDoNotAddPlanCacheEntries() throws Exception {
        resolve(); // plans made once (HQL, start-up) are not this test's concern
        int before = plans();
        for (int i = 0; i < 10; i++) {
            resolve();
        }
        int after = plans();
        assertTrue(after - before <= 2, "the plan cache grew from " + before + " to " + after + " entries over 10 resolves");
    }

    /** A consumer batch's inbox records (two ids or more: one statement whatever their number). */
    @Test
    void inboxBatchesDoNotAddPlanCacheEntries() throws Throwable {
        firstDeliveries(); // its plan's first making is not this test's concern either
        int before = plans();
        for (int i = 0; i < 10; i++) {
            firstDeliveries();
        }
        int after = plans();
        assertTrue(after - before <= 2, "the plan cache grew from " + before + " to " + after + " entries over 10 inbox batches");
    }

    private void firstDeliveries() throws Throwable {
        String repeated = "plan-cache-" + UUID.randomUUID();
        List<String> ids = List.of("plan-cache-" + UUID.randomUUID(), repeated, repeated);
        Set<String> first = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> inbox.firstDeliveries(ids)));
        assertEquals(Set.copyOf(ids), first, "each new id once, read as the message ids they are");
    }

    private void resolve() throws Exception {
        UUID lead = UUID.randomUUID();
        ResolveAccountAndContact command = new ResolveAccountAndContact(UUID.randomUUID(), lead, "owner-1", true, true, null, null,
                DuplicatePolicy.REPORT, new ProspectDetails("Plan Cache " + lead, null, null, "Ada", "Lovelace", null,
                "plan-" + lead + "@cache.example", null, null, null, null, null, null, "DE"));
        KafkaProbe.send(Topics.ACCOUNT_COMMANDS, lead.toString(), QualificationMessages.RESOLVE_ACCOUNT_AND_CONTACT.name(),
                json.writeValueAsString(command));
        KafkaProbe.await(Topics.QUALIFICATION_REPLIES, lead.toString(), 1,
                KafkaProbe.ofType(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name()));
    }

    /** Hibernate's own count, from the session factory behind the Mutiny one (no public accessor for it). */
    private int plans() throws IllegalAccessException {
        Object mutiny = ClientProxy.unwrap(factory);
        for (Class<?> type = mutiny.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (SessionFactoryImplementor.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    return ((SessionFactoryImplementor) field.get(mutiny)).getQueryEngine().getInterpretationCache()
                            .getNumberOfCachedQueryPlans();
                }
            }
        }
        throw new IllegalStateException("no SessionFactoryImplementor in " + mutiny.getClass());
    }
}
