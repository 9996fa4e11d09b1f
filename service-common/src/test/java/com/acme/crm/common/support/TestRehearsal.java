package com.acme.crm.common.support;

import com.acme.crm.common.outbox.Outbox;
import com.acme.crm.common.warmup.Rehearsal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicLong;

/** The test application's rehearsal: writes an effect and an outbox message, and notes how many of its effects it saw in its own transaction. */
@ApplicationScoped
public class TestRehearsal implements Rehearsal {

    public static final String MESSAGE_ID = "warm-up-rehearsal";
    public static final String TOPIC = "crm.test.warm-up";

    private static final AtomicLong SEEN = new AtomicLong(-1);

    @Inject
    Outbox outbox;

    /** How many of its effect rows the rehearsal saw inside its transaction; -1 until it ran. */
    public static long seenInsideItsTransaction() {
        return SEEN.get();
    }

    @Override
    public Uni<Void> run() {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into test_effect (message_id, command_id, outcome) values (:m, 'warm-up', 'rehearsed')")
                        .setParameter("m", MESSAGE_ID)
                        .executeUpdate()
                        .chain(() -> outbox.publish(TOPIC, "warm-up", "crm.test.warm-up.v1", java.util.Map.of("rehearsed", true)))
                        .chain(() -> session.createNativeQuery("select count(*) from test_effect where message_id = :m", Long.class)
                                .setParameter("m", MESSAGE_ID)
                                .getSingleResult()))
                .invoke(SEEN::set)
                .replaceWithVoid();
    }
}
