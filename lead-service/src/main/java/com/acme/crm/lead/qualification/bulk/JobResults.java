package com.acme.crm.lead.qualification.bulk;

import com.acme.crm.common.paging.Page;
import com.acme.crm.common.problems.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A job's per-lead results in the order the leads were given, a page at a time (SPEC §6): keyset
 * on the lead's position in the job, so page 2,000 of a 100,000-lead job costs what page 1 costs
 * (index (job_id, position), or (job_id, status, position) with a status).
 */
final class JobResults {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    /** The statuses a client may filter on; IN_PROGRESS includes a lead being started (STARTING). */
    static final List<String> STATUSES = List.of("PENDING", "IN_PROGRESS", "COMPLETED", "FAILED", "DUPLICATES_FOUND");

    private JobResults() {
    }

    /** Checks {@code status} and {@code cursor} (a 400 naming each when wrong); the job must exist. */
    static Uni<Page<QualifyJobView.LeadResult>> page(UUID jobId, String status, int limit, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ProblemException.badRequest("status", "must be one of " + String.join(", ", STATUSES));
        }
        int after = cursor == null || cursor.isEmpty() ? -1 : decode(cursor);
        String statusCondition = status == null ? ""
                : status.equals("IN_PROGRESS") ? " and status in ('STARTING', 'IN_PROGRESS')" : " and status = :status";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery("select lead_id, status, qualification_id, detail, position from qualify_job_lead "
                            + "where job_id = :job and position > :after" + statusCondition
                            + " order by position limit :limit", Object[].class)
                    .setParameter("job", jobId)
                    .setParameter("after", after)
                    .setParameter("limit", limit + 1); // one more tells whether there is a next page
            if (statusCondition.contains(":status")) {
                query.setParameter("status", status);
            }
            return query.getResultList();
        }).map(rows -> {
            boolean more = rows.size() > limit;
            List<Object[]> shown = more ? rows.subList(0, limit) : rows;
            List<QualifyJobView.LeadResult> items = shown.stream().map(r -> new QualifyJobView.LeadResult((UUID) r[0],
                    "STARTING".equals(r[1]) ? "IN_PROGRESS" : (String) r[1], (UUID) r[2], (String) r[3])).toList();
            return new Page<>(items, more ? encode(((Number) shown.get(shown.size() - 1)[4]).intValue()) : null);
        });
    }

    private static String encode(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith("p")) {
                int position = Integer.parseInt(plain.substring(1));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException notACursor) { // NumberFormatException included
            // answered below
        }
        throw ProblemException.badRequest("cursor", "is not a cursor of this job's results; start again without one");
    }
}
