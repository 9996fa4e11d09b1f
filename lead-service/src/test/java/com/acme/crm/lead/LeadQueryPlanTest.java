package com.acme.crm.lead;

import com.acme.crm.lead.search.Cursor;
import com.acme.crm.lead.search.LeadCriteria;
import com.acme.crm.lead.search.LeadListView;
import com.acme.crm.lead.search.LeadPageStatement;
import com.acme.crm.lead.search.LeadQuery;
import com.acme.crm.lead.search.LeadSort;
import com.acme.crm.lead.search.SearchTextSample;
import com.acme.crm.lead.support.QueryPlans;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;


/**
 * The list's SQL, as {@link LeadQuery} writes it and {@link LeadPageStatement} runs it, against 100,000 leads: each shape must read
 * its index in order (no sequential scan, no sort of the whole set). The rows are inserted (with the
 * indexes dropped and built again afterwards) in a transaction that is rolled back, so no other test sees them. The plans are written to
 * target/lead-query-plans.md (docs/lead-queries.md shows them).
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadQueryPlanTest {

    private static final int LEADS = 100_000;
    private static final String SALESPERSON = "owner-7";
    /** A page is 51 rows, three state branches 153: "a few pages", far below any view's size here. */
    private static final long FEW_PAGES = 1_000;

    private int checked;
    /** The statistics the service would choose a search's plan by, read after the fill's ANALYZE. */
    private static SearchTextSample sample = SearchTextSample.NONE;

    @Test
    void everyListShapeUsesItsIndex() throws Exception {
        Map<String, String> plans = new LinkedHashMap<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            long started = System.nanoTime();
            fillWithIndexesBuiltAfterwards(s);
            System.out.printf("filled %d leads in %d ms%n", LEADS, (System.nanoTime() - started) / 1_000_000);
            sample = sampleOf(s);
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
                    expect(s, list(LeadListView.ALL, true, null, null, LeadSort.NEWEST_FIRST, null), "lead_owner_state_created"));
            plans.put("all, by last name (a manager)",
                    expect(s, list(LeadListView.ALL, false, null, null, LeadSort.parse("lastName"), null), "lead_state_last_name"));
            plans.put("closed, recently modified first (a manager)",
                    expect(s, list(LeadListView.CLOSED, false, null, null, LeadSort.parse("-modifiedAt"), null),
                            "lead_state_modified"));
            plans.put("closed, by last name, next page (a manager)",
                    expect(s, list(LeadListView.CLOSED, false, null, null, LeadSort.parse("lastName"),
                            new Cursor(LeadSort.parse("lastName"), "Last5", UUID.randomUUID())), "lead_state_last_name"));
            plans.put("all, filtered by owner, by last name (a manager)",
                    expect(s, list(LeadListView.ALL, false, null, "owner-42", LeadSort.parse("lastName"), null),
                            "lead_owner_state_last_name"));
            plans.put("search q=\"company 1234\" (a manager, all)",
                    expect(s, list(LeadListView.ALL, false, "company 1234", null, LeadSort.NEWEST_FIRST, null),
                            "lead_search_text_trgm"));
            plans.put("search q=\"example\" (in every lead; a manager, all, by last name)",
                    expect(s, list(LeadListView.ALL, false, "example", null, LeadSort.parse("lastName"), null),
                            "lead_state_last_name"));
            plans.put("duplicate check on create (same email, open)",
                    expect(s, "select id from lead where lower(email) = 'lead-4242@example.com' and state = 'OPEN' "
                            + "order by created_at limit 10", "lead_email_lower"));
            checked = everyCombinationReadsAtMostAFewPages(s, someTime);
            c.rollback();
        }
        write(plans);
        System.out.printf("%d list shapes checked%n", checked);
    }

    /**
     * Every viewer × view × sort × search × first or next page: no sequential scan, the sort's own
     * order's index when nothing is searched, and no node of the plan producing or discarding more than
     * {@link #FEW_PAGES} rows (a sort of the whole view would show 30,000–100,000 here).
     */
    private static int everyCombinationReadsAtMostAFewPages(Statement s, Instant someTime) throws Exception {
        int checked = 0;
        int searchedByWord = 0;
        for (String viewer : List.of("salesperson", "manager", "manager with ownerId")) {
            for (LeadListView view : LeadListView.values()) {
                for (String sortText : List.of("createdAt", "-createdAt", "modifiedAt", "-modifiedAt", "lastName", "-lastName")) {
                    LeadSort sort = LeadSort.parse(sortText);
                    Cursor middle = new Cursor(sort, sort.key() == LeadSort.Key.LAST_NAME ? "Last5" : someTime, UUID.randomUUID());
                    for (String q : Arrays.asList(null, "company 1234", "example", "nobody")) {
                        for (Cursor after : Arrays.asList(null, middle)) {
                            String sql = list(view, viewer.equals("salesperson"), q,
                                    viewer.equals("manager with ownerId") ? "owner-42" : null, sort, after);
                            if (sql == null) {
                                continue; // answered without SQL (my-open of the caller filtered on another owner)
                            }
                            // an index in the sort's order (the planner may prefer (created_at, id) with a filter on state)
                            String index = "_" + sort.key().name().toLowerCase(Locale.ROOT).replace("_at", "") + " ";
                            String plan = q == null ? expect(s, sql, index) : expect(s, sql);
                            long rows = QueryPlans.mostRowsOfOneNode(plan);
                            String shape = viewer + ", " + view + ", " + sortText + ", q=" + q + ", cursor " + (after != null);
                            assertTrue(rows <= FEW_PAGES, shape + ": a node of the plan has " + rows + " rows\n" + plan);
                            String inOrder = list(view, viewer.equals("salesperson"), q,
                                    viewer.equals("manager with ownerId") ? "owner-42" : null, sort, after, SearchTextSample.NONE);
                            if (!sql.equals(inOrder)) { // searched by the rarest word: the same page as walking in order
                                assertEquals(ids(s, inOrder), ids(s, sql), shape + ": " + sql);
                                searchedByWord++;
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(searchedByWord > 0, "no shape was searched by its rarest word");
        System.out.printf("%d shapes searched by the rarest word, each the same page as walking in order%n", searchedByWord);
        return checked;
    }

    private static String list(LeadListView view, boolean salesperson, String q, String ownerId, LeadSort sort, Cursor after) {
        return list(view, salesperson, q, ownerId, sort, after, sample);
    }

    private static String list(LeadListView view, boolean salesperson, String q, String ownerId, LeadSort sort, Cursor after,
                               SearchTextSample statistics) {
        LeadQuery query = LeadQuery.of(new LeadCriteria(view, SALESPERSON, salesperson ? SALESPERSON : null, q, null,
                ownerId, sort, after, 50), statistics);
        if (query.matchesNothing()) {
            return null;
        }
        // the statement the service runs: the select of ids, and around it the page's rows by primary key
        LeadPageStatement statement = LeadPageStatement.of(query, sort);
        return QueryPlans.withPositionalLiterals(statement.sql(), statement.parameters());
    }

    private static List<String> ids(Statement s, String sql) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static SearchTextSample sampleOf(Statement s) throws Exception {
        List<String> texts = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SearchTextSample.TEXTS_SQL)) {
            while (rs.next()) {
                texts.add(rs.getString(1));
            }
        }
        try (ResultSet rs = s.executeQuery(SearchTextSample.ROWS_SQL)) {
            rs.next();
            return new SearchTextSample(texts, rs.getDouble(1));
        }
    }

    private static String expect(Statement s, String sql, String... indexes) throws Exception {
        return QueryPlans.expect(s, sql, indexes);
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
        s.execute(attempts());
        for (String definition : definitions) {
            s.execute(definition);
        }
        // search_text's histogram keeps the service's size, ~101 texts (TermMatch's input), but from every row
        s.execute("alter table lead alter column search_text set statistics 100");
        QueryPlans.analyzeEveryRow(s, "lead");
        QueryPlans.analyzeEveryRow(s, "qualification");
    }

    /**
     * 200 owners with 500 leads each (in runs of ten); 3 in 10 open; names, companies and emails all different; each
     * qualified lead's latest attempt named by it ({@link #attempts}).
     */
    private static String fill() {
        return """
                insert into lead (id, topic, first_name, last_name, company_name, email, owner_id, state, status_reason,
                                  version, created_at, created_by, modified_at, modified_by, closed_at, qualification_id)
                select md5('lead ' || i)::uuid, 'topic ' || i, 'First' || (i % 997), 'Last' || (i * 7919 % 100003),
                       'Company ' || i, 'lead-' || i || '@example.com', 'owner-' || (i / 10 % 200),
                       case when i % 10 < 3 then 'OPEN' when i % 2 = 0 then 'QUALIFIED' else 'DISQUALIFIED' end,
                       case when i % 10 < 3 then 'NEW' when i % 2 = 0 then 'QUALIFIED' else 'LOST' end,
                       0, now() - i * interval '1 second', 'seed', now() - (i % 5000) * interval '1 minute', 'seed',
                       case when i % 10 < 3 then null else now() end,
                       case when i % 10 >= 3 and i % 2 = 0 then md5('attempt ' || i)::uuid end
                from generate_series(1, LEADS) as i
                """.replace("LEADS", Integer.toString(LEADS));
    }

    /** The qualified leads' attempts: the page's rows read each one by its primary key. */
    private static String attempts() {
        return """
                insert into qualification (id, lead_id, status, create_account, create_contact, create_opportunity,
                                           duplicate_policy, requested_by, started_at, deadline, finished_at, version)
                select md5('attempt ' || i)::uuid, md5('lead ' || i)::uuid, 'COMPLETED', true, true, true, 'REPORT',
                       'seed', now(), now(), now(), 0
                from generate_series(1, LEADS) as i where i % 10 >= 3 and i % 2 = 0
                """.replace("LEADS", Integer.toString(LEADS));
    }

    private static void write(Map<String, String> plans) throws Exception {
        QueryPlans.write("lead-query-plans.md", "Lead list plans on " + LEADS + " leads (generated by LeadQueryPlanTest)", plans);
    }
}
