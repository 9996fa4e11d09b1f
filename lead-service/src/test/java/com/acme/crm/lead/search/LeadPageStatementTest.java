package com.acme.crm.lead.search;

import com.acme.crm.lead.StatusReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadQuery's select of ids with its positional parameters, unchanged inside the statement that reads the page's rows. */
class LeadPageStatementTest {

    private static final UUID LAST = UUID.fromString("4ec60744-ce15-477c-b34e-373d5ecdde7c");
    private static final Instant AT = Instant.parse("2026-11-26T05:04:24.937517551Z");

    @Test
    void everyValueIsAPositionalParameterInTheOrderItIsWritten() {
        LeadSort newest = LeadSort.NEWEST_FIRST;
        LeadQuery query = LeadQuery.of(new LeadCriteria(LeadListView.CLOSED, "owner-7", "owner-7", "Example", StatusReason.LOST,
                null, newest, new Cursor(newest, AT, LAST), 50), SearchTextSample.NONE);

        assertEquals("select l.id from lead l where l.state = 'DISQUALIFIED' and l.owner_id = $1 and l.status_reason = $2"
                + " and strpos(l.search_text, $3) > 0 and (l.created_at, l.id) < ($4, $5)"
                + " order by l.created_at desc, l.id desc limit $6", query.sql());
        // the reactive client binds timestamps as OffsetDateTime
        assertEquals(List.of("owner-7", "LOST", "example", AT.atOffset(ZoneOffset.UTC), LAST, 51), query.parameters());
    }

    @Test
    void theBranchesOfAViewOfSeveralStatesShareTheirParameters() {
        LeadSort byName = LeadSort.parse("lastName");
        LeadQuery query = LeadQuery.of(new LeadCriteria(LeadListView.ALL, "owner-7", "owner-7", "example", null, null, byName,
                new Cursor(byName, "Last5", LAST), 50), SearchTextSample.NONE);

        String eachBranch = "l.owner_id = $1 and strpos(l.search_text, $2) > 0 and (l.last_name, l.id) > ($3, $4)"
                + " order by l.last_name asc, l.id asc limit $5)";
        assertEquals(3, occurrences(eachBranch, query.sql()), query.sql());
        assertTrue(query.sql().endsWith(") page order by page.k asc, page.id asc limit $5"), query.sql());
        assertEquals(List.of("owner-7", "example", "Last5", LAST, 51), query.parameters());
    }

    @Test
    void theSelectOfIdsAndItsParametersAreRunUnchanged() {
        LeadSort newest = LeadSort.NEWEST_FIRST;
        LeadQuery query = LeadQuery.of(new LeadCriteria(LeadListView.MY_OPEN, "owner-7", "owner-7", null, null, null, newest,
                new Cursor(newest, AT, LAST), 50), SearchTextSample.NONE);

        LeadPageStatement statement = LeadPageStatement.of(query, newest);

        assertTrue(statement.sql().contains("from (" + query.sql() + ") page_ids"), statement.sql());
        assertEquals(query.parameters(), statement.parameters());
    }

    @Test
    void thePageIsSortedAgainByTheListsKeyAndEachAttemptReadByItsKey() {
        LeadSort byName = LeadSort.parse("-lastName");
        LeadQuery query = LeadQuery.of(new LeadCriteria(LeadListView.ALL, "carol", null, null, null, null, byName, null, 50),
                SearchTextSample.NONE);

        String sql = LeadPageStatement.of(query, byName).sql();

        assertTrue(sql.startsWith("select " + LeadRows.COLUMNS + " from ("), sql);
        assertTrue(sql.endsWith(" order by l.last_name desc, l.id desc"), sql);
        assertTrue(sql.contains("left join lateral (select * from qualification a where a.id = l.qualification_id limit 1) q on true"), sql);
    }

    private static int occurrences(String part, String text) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }
}
