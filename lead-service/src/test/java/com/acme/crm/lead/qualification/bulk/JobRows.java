package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;

import java.util.List;
import java.util.Map;

/** What the bulk runner's tests submit and read of a job's rows. */
final class JobRows {

    private JobRows() {
    }

    /** The window counts every job's attempts in flight: end those of earlier tests (their rows only). */
    static void endEveryJobInFlight() {
        Db.execute("update qualify_job_lead set status = 'FAILED' where status in ('PENDING', 'STARTING', 'IN_PROGRESS')");
    }

    /** @return the job's id */
    static String submit(Api.User user, List<String> leads) {
        return user.call().body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().path("id");
    }

    static long inFlight(String job) {
        return Db.count("select count(*) from qualify_job_lead where job_id = '" + job + "' and status in ('STARTING', 'IN_PROGRESS')");
    }

    static long pending(String job) {
        return Db.count("select count(*) from qualify_job_lead where job_id = '" + job + "' and status = 'PENDING'");
    }
}
