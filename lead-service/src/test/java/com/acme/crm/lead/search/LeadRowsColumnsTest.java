package com.acme.crm.lead.search;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lead list reads its rows by hand ({@link LeadRows}), not through Hibernate: a column a later migration adds to
 * {@code lead} or {@code qualification} must be read there too, or be named here as one the list does not show.
 * Checked against the migrated database, so a new column fails this test until someone decides.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadRowsColumnsTest {

    /** Columns the list's leads do not carry, and why. */
    private static final Set<String> NOT_READ = Set.of(
            "l.search_text",     // generated from the name, company and email for the search; never shown
            "q.requested_by",    // who asked: in the lead's history, not in a lead's view of its attempt
            "q.idempotency_key", // the start's Idempotency-Key, for a repeated request; not shown
            "q.lane",            // the lane its messages take; not shown
            "q.deadline",        // the timeout sweep's; not shown
            "q.version");        // the attempt's optimistic lock; a listed lead is only shown

    private static Set<String> columnsOf(String table, String alias) {
        Set<String> columns = new TreeSet<>();
        Db.strings("select column_name from information_schema.columns where table_schema = current_schema()"
                + " and table_name = '" + table + "'").forEach(column -> columns.add(alias + "." + column));
        return columns;
    }

    @Test
    void everyColumnOfALeadAndItsAttemptIsReadOrNamedAsNotShown() {
        Set<String> read = new TreeSet<>();
        Matcher column = Pattern.compile("\\b([lq]\\.[a-z_]+)").matcher(LeadRows.COLUMNS);
        while (column.find()) {
            read.add(column.group(1));
        }
        Set<String> expected = new TreeSet<>(columnsOf("lead", "l"));
        expected.addAll(columnsOf("qualification", "q"));
        expected.removeAll(NOT_READ);

        assertEquals(expected, read);
    }
}
