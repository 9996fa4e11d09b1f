package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.qualification.bulk.JobRows.inFlight;
import static com.acme.crm.lead.qualification.bulk.JobRows.pending;
import static com.acme.crm.lead.qualification.bulk.JobRows.submit;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bulk runner's wakes ({@link WindowRefill}): a submission starts its job's first window at once, and once the
 * attempts ending on this replica have freed half the window the runner claims those places together, without waiting
 * for its tick, while a tick with less free claims nothing. The runner's timer is parked (an hour), so only a wake can
 * claim here; nobody answers the commands, so an attempt ends only when the timeout sweep (every 500 ms) ends it.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestProfile(BulkRefillTest.HalfWindowWakes.class)
class BulkRefillTest extends BulkRunnerTests {

    static final int WINDOW = 4;

    public static class HalfWindowWakes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("crm.bulk.tick", "PT1H", "crm.bulk.window", Integer.toString(WINDOW), "crm.bulk.refill-share", "0.5",
                    "crm.qualification.timeout-sweep", "500ms");
        }
    }

    @Test
    void aSubmittedJob_startsItsFirstWindowAtOnce_notAtTheRunnersNextTick() {
        String job = submit(ALICE, leads(WINDOW + 1));

        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(job) == WINDOW);
        assertEquals(1, pending(job));
    }

    @Test
    void endsThatFreeHalfTheWindow_wakeTheRunner_whichClaimsTheFreePlacesTogether() throws Throwable {
        List<String> leads = leads(2 * WINDOW + 1);
        String job = submit(ALICE, leads);
        await().atMost(Duration.ofSeconds(10)).until(() -> started(job) == WINDOW); // their attempts exist: they can time out

        timeOut(job, leads.subList(0, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(statusOf(job, leads.get(0))));
        tick();
        assertEquals(WINDOW - 1, inFlight(job), "a quarter of the window free: a claim waits for half of it");

        timeOut(job, leads.subList(1, 3));
        await().atMost(Duration.ofSeconds(10)).until(() -> started(job) == WINDOW);
        assertEquals(2, pending(job), "the three free places claimed, no more");
        assertEquals(1, Db.count("select count(distinct claimed_at) from qualify_job_lead where job_id = '" + job
                + "' and status = 'IN_PROGRESS' and lead_id <> '" + leads.get(3) + "'"), "claimed together, in one claim");
    }

    /** The leads' attempts pass their deadline: the next sweep ends them, in one transaction. */
    private static void timeOut(String job, List<String> leads) {
        Db.execute("update qualification set deadline = now() - interval '1 second' where id in (select qualification_id"
                + " from qualify_job_lead where job_id = '" + job + "' and lead_id in ('" + String.join("', '", leads) + "'))");
    }

    private static List<String> leads(int count) {
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leads.add(ALICE.createLead());
        }
        return leads;
    }

    /** The job's leads whose attempts have started (claimed and started: IN_PROGRESS, no longer STARTING). */
    private static long started(String job) {
        return Db.count("select count(*) from qualify_job_lead where job_id = '" + job + "' and status = 'IN_PROGRESS'");
    }

    private static String statusOf(String job, String lead) {
        return Db.text("select status from qualify_job_lead where job_id = '" + job + "' and lead_id = '" + lead + "'");
    }
}
