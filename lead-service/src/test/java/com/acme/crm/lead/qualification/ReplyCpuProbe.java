package com.acme.crm.lead.qualification;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.AccountAndContactResolved;
import com.acme.crm.contracts.qualification.OpportunityCreated;
import com.acme.crm.contracts.qualification.QualificationMessages;
import com.acme.crm.testinfra.CpuPerCommand;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.KafkaProbe;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.StatementsPerCommand;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Not run by CI (the name does not end in Test): the CPU and bytes a qualification reply costs through lead-service's
 * real consumer (the bulk lane's), to compare two versions of the reply path (docs/performance.md, "Issue 9, fourteenth
 * step"; how: {@link CpuPerCommand}). The running attempts are made in the database beforehand, one statement per round
 * (a lead and its attempt each, as a job's start leaves them: a job's idempotency key, so each end runs the job rows'
 * update too); the replies are the two a job's lead gets, each on its lead's key:
 * <ul>
 *   <li>{@code cpuPerCompletion}: OpportunityCreated for an attempt whose account step is done (the attempt completes:
 *   lead and attempt updated, history, the public event, the job row, the end's signal);</li>
 *   <li>{@code cpuPerResolve}: AccountAndContactResolved (the attempt records the account and contact, the lead's
 *   content is read, CreateOpportunity goes out).</li>
 * </ul>
 * It fails only when the replies did not take effect or a message did not leave the outbox, never on a time.
 * <pre>
 * ./mvnw -B -o -pl lead-service -am verify -Dtest=ReplyCpuProbe#cpuPerCompletion -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.commands=5000 -Dtest.jvm.options=
 * </pre>
 * And the statements and rows a reply costs, alone and in a poll of 100 ({@link StatementsPerCommand}):
 * {@code -Dtest=ReplyCpuProbe#statementsPerCompletion}.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class ReplyCpuProbe {

    private static final String CHANNEL = "qualification-replies";

    @Inject
    KafkaClientService kafka;

    @Test
    void cpuPerCompletion() {
        System.out.println(probe(QualificationMessages.OPPORTUNITY_CREATED.name(), "select count(*) from qualification where status = 'COMPLETED'")
                .measureKeyed("lead-service replies (OpportunityCreated)", Integer.getInteger("probe.commands", 5000),
                        Integer.getInteger("probe.warmups", 2), new Attempts(true, this::completion)));
    }

    @Test
    void cpuPerResolve() {
        System.out.println(probe(QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(),
                "select count(*) from qualification where account_id is not null")
                .measureKeyed("lead-service replies (AccountAndContactResolved)", Integer.getInteger("probe.commands", 5000),
                        Integer.getInteger("probe.warmups", 2), new Attempts(false, this::resolve)));
    }

    @Test
    void statementsPerCompletion() {
        Attempts attempts = new Attempts(true, this::completion);
        attempts.ready(); // made before the probe counts the database's rows
        System.out.println(new StatementsPerCommand(Topics.QUALIFICATION_REPLIES, "lead-service",
                QualificationMessages.OPPORTUNITY_CREATED.name()).measureKeyed("lead-service replies (OpportunityCreated)", 100, attempts));
    }

    private CpuPerCommand probe(String type, String doneSql) {
        return new CpuPerCommand(Topics.QUALIFICATION_REPLIES, type,
                () -> kafka.getConsumers(CHANNEL).forEach(c -> c.pause().await().indefinitely()),
                () -> kafka.getConsumers(CHANNEL).forEach(c -> c.resume().await().indefinitely()),
                doneSql, 1);
    }

    private KafkaProbe.Keyed completion(UUID attempt, UUID lead) {
        return keyed(lead, QualificationMessages.OPPORTUNITY_CREATED.name(), new OpportunityCreated(attempt, lead, UUID.randomUUID()));
    }

    private KafkaProbe.Keyed resolve(UUID attempt, UUID lead) {
        return keyed(lead, QualificationMessages.ACCOUNT_AND_CONTACT_RESOLVED.name(),
                new AccountAndContactResolved(attempt, lead, UUID.randomUUID(), UUID.randomUUID()));
    }

    private static KafkaProbe.Keyed keyed(UUID lead, String type, Object reply) {
        try {
            return new KafkaProbe.Keyed(lead.toString(), new KafkaProbe.Event(type, QualificationFixtures.JSON.writeValueAsString(reply)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply to a running attempt of a lead of its own; the attempts are made a batch at a time, as the replies are asked for. */
    private static final class Attempts implements Supplier<KafkaProbe.Keyed> {

        private static final int MADE_AT_ONCE = 1000;
        private final boolean accountStepDone;
        private final BiFunction<UUID, UUID, KafkaProbe.Keyed> reply;
        private final Deque<String[]> running = new ArrayDeque<>();

        Attempts(boolean accountStepDone, BiFunction<UUID, UUID, KafkaProbe.Keyed> reply) {
            this.accountStepDone = accountStepDone;
            this.reply = reply;
        }

        @Override
        public KafkaProbe.Keyed get() {
            ready();
            String[] next = running.poll();
            return reply.apply(UUID.fromString(next[0]), UUID.fromString(next[1]));
        }

        /** Makes the next batch of attempts if none is left. */
        void ready() {
            if (running.isEmpty()) {
                for (String row : Db.rows(insert(MADE_AT_ONCE, accountStepDone))) {
                    running.add(row.split("\\|"));
                }
            }
        }

        /** {@code count} open leads, each with a running attempt of a job's (its key), as a job's start leaves them. */
        private static String insert(int count, boolean accountStepDone) {
            String records = accountStepDone ? "gen_random_uuid(), gen_random_uuid()" : "null, null";
            return """
                    with made as (select gen_random_uuid() as lead_id, gen_random_uuid() as attempt_id from generate_series(1, %d)),
                    leads as (
                        insert into lead (id, topic, first_name, last_name, company_name, email, budget_amount, currency,
                                          owner_id, state, status_reason, version, created_at, created_by, modified_at, modified_by,
                                          qualification_in_progress, qualification_id)
                        select lead_id, 'Probe topic', 'Yui', 'Probe', 'Probe Co ' || lead_id, lead_id || '@probe.example', 1000, 'EUR',
                               'alice', 'OPEN', 'NEW', 1, now(), 'alice', now(), 'alice', true, attempt_id
                        from made returning id)
                    insert into qualification (id, lead_id, status, create_account, create_contact, create_opportunity,
                                               opportunity_currency, duplicate_policy, account_id, contact_id, requested_by,
                                               idempotency_key, started_at, deadline, version, lane)
                    select attempt_id, lead_id, 'IN_PROGRESS', true, true, true, 'EUR', 'LINK_EXISTING', %s, 'alice',
                           'job:' || gen_random_uuid(), now(), now() + interval '1 hour', %d, 'BULK'
                    from made
                    returning id, lead_id""".formatted(count, records, accountStepDone ? 1 : 0);
        }
    }
}
