package com.acme.crm.lead.qualification;

import com.acme.crm.common.flow.InOrder;
import com.acme.crm.common.persistence.PlanCacheBypass;
import com.acme.crm.common.persistence.WriteBehind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * SPEC §5 invariant 4: no attempt stays IN_PROGRESS forever. Attempts past their deadline are
 * failed and compensated; rows another replica is already handling are skipped.
 */
@ApplicationScoped
public class QualificationTimeouts {

    private static final int BATCH = 100;

    @Inject
    QualificationSaga saga;

    @Scheduled(every = "${crm.qualification.timeout-sweep:5s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return WriteBehind.inTransaction(() -> Panache.getSession()
                // every sweep: kept out of Hibernate's plan cache, which cannot find a native select again
                .chain(session -> PlanCacheBypass.bind(session.createNativeQuery("""
                                select id from qualification
                                where status = 'IN_PROGRESS' and deadline < now()
                                order by deadline limit :batch
                                for update skip locked""", UUID.class), "batch", BATCH)
                        .getResultList())
                .chain(this::timeOut));
    }

    private Uni<Void> timeOut(List<UUID> ids) {
        return InOrder.each(ids, id -> Qualification.<Qualification>findById(id).chain(saga::timeOut));
    }
}
