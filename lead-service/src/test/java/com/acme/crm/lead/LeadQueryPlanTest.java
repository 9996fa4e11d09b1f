package com.acme.crm.lead;

import com.acme.crm.lead.search.Cursor;
import com.acme.crm.lead.search.LeadCriteria;
import com.acme.crm.lead.search.LeadListView;
import com.acme.crm.lead.search.LeadQuery;
import com.acme.crm.lead.search.LeadSort;
import com.acme.crm.lead.support.QueryPlans;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * The list's SQL, as {@link LeadQuery} writes it, against 100,000 leads: each shape must read
 * its index in order (no sequential scan, no sort of the whole set). The rows are inserted (with the
 * indexes dropped and built again afterwards) in a transaction that is rolled back, so no other test sees them. The plans are written to
 * target/lead-query-plans.md (docs/lead-queries.md shows them).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadQueryPlanTest {

    private static final int LEADS = 100_000;
    private static final String SALESPERSON = "owner-7";

    @Test
    void everyListShapeUsesItsIndex() throws Exception {
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            fillWithIndexesBuiltAfterwards(s);
            System.out.printf("filled %d leads in %d ms%n", LEADS, (System.nanoTime() - started) / 1_000_000);
            Instant someTime = Instant.now().minusSeconds(LEADS / 2);

            plans.put("my-open, newest first (a salesperson's default)",
                    expect(s, list(LeadListView.MY_OPEN, true, null, null, LeadSort.NEWEST_FIRST, null),
                            "lead_owner_state_created"));
            plans.put("my-open, next page (keyset from the cursor)",
                    expect(s, list(LeadListView.MY_OPEN, true, null, null, LeadSort.NEWEST_FIRST,
                            new Cursor(LeadSort.NEWEST_FIRST, someTime, UUID.randomUUID())), "lead_owner_state_created"));
            plans.put("open, by last name (a manager)",
                    expect(s, list(LeadListView.OPEN, false, null, null, LeadSort.parse("lastName"), null),
                            "lead_state_last_name"));
            plans.put("open, recently modified first (a manager)",
                    expect(s, list(LeadListView.OPEN, false, null, null, LeadSort.parse("-modifiedAt"), null),
                            "lead_state_modified"));
            plans.put("all, newest first (a salesperson)",
                    expect(s, list(LeadListView.ALL, true, null, null, LeadSort.NEWEST_FIRST, null), "lead_owner_created"));
            plans.put("closed, newest first (a manager)",
                    expect(s, list(LeadListView.CLOSED, false, null, null, LeadSort.NEWEST_FIRST, null), "lead_created"));
            plans.put("all, filtered by owner (a manager)",
                    expect(s, list(LeadListView.ALL, false, null, "owner-42", LeadSort.NEWEST_FIRST, null), "lead_owner_created"));
            plans.put("search q=\"company 1234\" (a manager, all)",
                    expect(s, list(LeadListView.ALL, false, "company 1234", null, LeadSort.NEWEST_FIRST, null),
                            "lead_search_text_trgm"));
            plans.put("duplicate check on create (same email, open)",
                    expect(s, "select id from lead where lower(email) = 'lead-4242@example.com' and state = 'OPEN' "
                            + "order by created_at limit 10", "lead_email_lower"));
            c.rollback();
        }
        write(plans);
    }

    private static String list(LeadListView view, boolean salesperson, String q, String ownerId, LeadSort sort, Cursor after) {
        LeadQuery query = LeadQuery.of(new LeadCriteria(view, SALESPERSON, salesperson ? SALESPERSON : null, q, null,
                ownerId, sort, after, 50));
        return QueryPlans.withLiterals(query.sql(), query.parameters());
    }

    private static String expect(Statement s, String sql, String index) throws Exception {
        return QueryPlans.expect(s, sql, index);
    }

    /** Building an index once is far cheaper than updating ten of them 100,000 times. */
    private static void fillWithIndexesBuiltAfterwards(Statement s) throws Exception {
        List<String> definitions = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select indexname, indexdef from pg_indexes "
                + "where schemaname = 'public' and tablename = 'lead' and indexname <> 'lead_pkey'")) {
            while (rs.next()) {
                definitions.add(rs.getString(2));
                s.getConnection().createStatement().execute("drop index " + rs.getString(1));
            }
        }
        s.execute("set local maintenance_work_mem = '128MB'");
        s.execute(fill());
        for (String definition : definitions) {
            s.execute(definition);
        }
        s.execute("analyze lead");
    }

    /** 200 owners with 500 leads each (in runs of ten); 3 in 10 open; names, companies and emails all different. */
    private static String fill() {
        return """
                insert into lead (id, topic, first_name, last_name, company_name, email, owner_id, state, status_reason,
                                  version, created_at, created_by, modified_at, modified_by, closed_at)
                select gen_random_uuid(), 'topic ' || i, 'First' || (i % 997), 'Last' || (i * 7919 % 100003),
                       'Company ' || i, 'lead-' || i || '@example.com', 'owner-' || (i / 10 % 200),
                       case when i % 10 < 3 then 'OPEN' when i % 2 = 0 then 'QUALIFIED' else 'DISQUALIFIED' end,
                       case when i % 10 < 3 then 'NEW' when i % 2 = 0 then 'QUALIFIED' else 'LOST' end,
                       0, now() - i * interval '1 second', 'seed', now() - (i % 5000) * interval '1 minute', 'seed',
                       case when i % 10 < 3 then null else now() end
                from generate_series(1, LEADS) as i
                """.replace("LEADS", Integer.toString(LEADS));
    }

    private static void write(Map<String, String> plans) throws Exception {
        QueryPlans.write("lead-query-plans.md", "Lead list plans on " + LEADS + " leads (generated by LeadQueryPlanTest)", plans);
    }
}
