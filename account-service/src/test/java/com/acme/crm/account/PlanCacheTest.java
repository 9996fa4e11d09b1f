package com.acme.crm.account;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.contracts.qualification.ProspectDetails;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.contracts.qualification.ResolveAccountAndContact;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resolve's native selects stay out of Hibernate's query plan cache (PlanCacheBypass): Hibernate Reactive 3.1
 * cannot find a native select there again, so each resolve would add entries that every later lookup walks.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class PlanCacheTest {

    @Inject
    ObjectMapper json;

    @Inject
    Mutiny.SessionFactory factory;

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
