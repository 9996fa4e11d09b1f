package com.acme.crm.lead.search;

import com.acme.crm.lead.StatusReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LeadQuery's select of ids, unchanged but for positional parameters, inside the statement that reads the page's rows. */
class LeadPageStatementTest {

    private static final UUID LAST = UUID.fromString("4ec60744-ce15-477c-b34e-373d5ecdde7c");
    private static final Instant AT = Instant.parse("2026-11-26T05:04:24.937517551Z");

    @Test
    void everyNamedParameterBecomesPositionalInTheOrderItIsWritten() {
        LeadSort newest = LeadSort.NEWEST_FIRST;
        LeadQuery query = LeadQuery.of(new LeadCriteria(LeadListView.CLOSED, "owner-7", "owner-7", "Example", StatusReason.LOST,
                null, newest, new Cursor(newest, AT, LAST), 50), SearchTextSample.NONE);

        LeadPageStatement statement = LeadPageStatement.of(query, newest);

        String ids = query.sql().replace(":owner", "$1").replace(":statusReason", "$2").replace(":q", "$3")
                .replace(":afterValue", "$4").replace(":afterId", "$5").replace(":limit", "$6");
        assertTrue(statement.sql().contains("from (" + ids + ") page_ids"), statement.sql());
        assertEquals(List.of("owner-7", "LOST", "example", AT.atOffset(ZoneOffset.UTC), LAST, 51), statement.parameters());
        assertFalse(statement.sql().matches("(?s).*(?<!:):[a-zA-Z].*"), "a named parameter left: " + statement.sql());
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
}
