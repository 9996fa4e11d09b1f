package com.acme.crm.lead;

import com.acme.crm.common.persistence.JoinedWrites;
import com.acme.crm.common.persistence.WriteStatement;
import com.acme.crm.lead.decisions.RowUpdates;
import com.acme.crm.lead.qualification.StartRows;
import com.acme.crm.lead.qualification.bulk.BulkJobRunner;
import com.acme.crm.lead.qualification.bulk.BulkJobs;
import com.acme.crm.lead.support.QueryPlans;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The saga's set-based statements that join their JSON rows to a table by key (JsonRows), against 5,000 leads, attempts
 * and job rows: each probes the key's index for the dozen rows it is given, and none scans the table (PostgreSQL takes
 * the JSON for 100 rows: with the join alone it hashed them and scanned lead, qualification or qualify_job_lead; in the
 * 5,000-lead benchmark job the update of a dozen leads read 640 buffers a call that way, docs/performance.md "Issue 9,
 * twelfth step"). Planned with the values, as the service's connections plan (plan_cache_mode=force_custom_plan). The
 * rows are inserted and the statements run in a transaction that is rolled back, so no other test sees them.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class SetBasedStatementPlanTest {

    private static final int LEADS = 5_000;
    private static final String JOB = "00000000-0000-0000-0000-00000000b0b5";

    /** Each statement, what a row of it is made of (from a lead {@code l} and its attempt {@code q}), the index it must probe. */
    private record SetBased(Class<?> owner, String constant, String row, String index) {
    }

    private static final List<SetBased> STATEMENTS = List.of(
            new SetBased(StartRows.class, "LOCK_AND_LOAD", "jsonb_build_object('leadId', l.id, 'key', 'job:" + JOB + "')",
                    "lead_pkey"),
            new SetBased(RowUpdates.class, "UPDATE_LEADS", """
                    jsonb_build_object('id', l.id, 'version', l.version, 'changes', 1, 'state', 'OPEN', 'statusReason', 'NEW',
                        'qualifying', true, 'qualificationId', q.id, 'modifiedAt', now(), 'modifiedBy', 'test')""", "lead_pkey"),
            new SetBased(RowUpdates.class, "UPDATE_ATTEMPTS",
                    "jsonb_build_object('id', q.id, 'version', q.version, 'changes', 1, 'status', 'IN_PROGRESS')",
                    "qualification_pkey"),
            new SetBased(BulkJobRunner.class, "RESULTS",
                    "jsonb_build_object('jobId', '" + JOB + "', 'leadId', l.id, 'status', 'IN_PROGRESS', 'attempt', q.id)",
                    "qualify_job_lead_pkey"),
            new SetBased(BulkJobs.class, "FINISHED", "jsonb_build_object('id', q.id, 'status', 'COMPLETED')",
                    "qualify_job_lead_attempt"));

    @Test
    void eachStatementProbesItsKeyIndex() throws Exception {
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            fill(s);
            for (SetBased statement : STATEMENTS) {
                QueryPlans.expect(s, withRows(s, statement.owner(), statement.constant(), statement.row()), statement.index());
            }
            // a reply batch's end: the three updates as parts of one statement (WriteBehind) keep their plans
            JoinedWrites.Statement joined = JoinedWrites.of(List.of(
                    WriteStatement.of(sql(RowUpdates.class, "UPDATE_LEADS"), Map.of("rows", rows(s, """
                            jsonb_build_object('id', l.id, 'version', l.version, 'changes', 1, 'state', 'OPEN',
                                'statusReason', 'NEW', 'qualifying', false, 'modifiedAt', now(), 'modifiedBy', 'test')"""))),
                    WriteStatement.of(sql(RowUpdates.class, "UPDATE_ATTEMPTS"), Map.of("rows", rows(s,
                            "jsonb_build_object('id', q.id, 'version', q.version, 'changes', 1, 'status', 'COMPLETED')"))),
                    WriteStatement.of(sql(BulkJobs.class, "FINISHED"), Map.of("rows", rows(s,
                            "jsonb_build_object('id', q.id, 'status', 'COMPLETED')")))));
            QueryPlans.expect(s, QueryPlans.withLiterals(joined.sql(), joined.parameters()),
                    "lead_pkey", "qualification_pkey", "qualify_job_lead_attempt");
            c.rollback();
        }
    }

    /**
     * The plans a connection would keep with CRM_DB_PLAN_CACHE_MODE=auto (a generic plan from a statement's sixth
     * execution on, until an ANALYZE of its tables) and CRM_DB_ENABLE_SEQSCAN=off beside it: each made while the tables hold
     * only what other tests left, then run on 5,000 more rows without an ANALYZE in between (an insert makes PostgreSQL
     * plan nothing again), must still probe its key's index. With sequential scans allowed the lock-and-load's plan
     * scans lead and qualification (checked; docs/performance.md, "Issue 9, seventeenth step").
     */
    @Test
    void aGenericPlanMadeOnSmallTablesStaysRightWhenTheyGrow() throws Exception {
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local plan_cache_mode = force_generic_plan");
            s.execute("set local enable_seqscan = off"); // the guard CRM_DB_PLAN_CACHE_MODE=auto needs
            for (SetBased statement : STATEMENTS) {
                String name = statement.constant().toLowerCase(Locale.ROOT);
                s.execute("prepare " + name + "(text) as " + sql(statement.owner(), statement.constant()).replace(":rows", "$1"));
                s.execute("explain execute " + name + "('[]')"); // makes the generic plan and keeps it
            }
            fillWithoutAnalyze(s);
            for (SetBased statement : STATEMENTS) {
                String name = statement.constant().toLowerCase(Locale.ROOT);
                QueryPlans.expect(s, "execute " + name + "('" + rows(s, statement.row()).replace("'", "''") + "')",
                        statement.index());
            }
            c.rollback();
        }
    }

    /** A dozen leads with their attempts, as {@code row} writes each, bound as the statement's {@code :rows}. */
    private static String withRows(Statement s, Class<?> owner, String constant, String row) throws Exception {
        return QueryPlans.withLiterals(sql(owner, constant), Map.of("rows", rows(s, row)));
    }

    /** A dozen leads with their attempts as {@code row} writes each: one JSON array. */
    private static String rows(Statement s, String row) throws Exception {
        try (ResultSet rs = s.executeQuery("select jsonb_agg(" + row + ")::text from (select * from lead"
                + " where topic = 'set-based plan' order by id limit 12) l join qualification q on q.lead_id = l.id")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String sql(Class<?> owner, String constant) throws Exception {
        Field sql = owner.getDeclaredField(constant);
        sql.setAccessible(true);
        return (String) sql.get(null);
    }

    private static void fill(Statement s) throws Exception {
        fillWithoutAnalyze(s);
        QueryPlans.analyzeEveryRow(s, "lead");
        QueryPlans.analyzeEveryRow(s, "qualification");
        QueryPlans.analyzeEveryRow(s, "qualify_job_lead");
    }

    private static void fillWithoutAnalyze(Statement s) throws Exception {
        s.execute("""
                insert into lead (id, topic, first_name, last_name, company_name, email, owner_id, state, status_reason,
                                  version, created_at, created_by, modified_at, modified_by)
                select md5('set-based lead ' || i)::uuid, 'set-based plan', 'First' || i, 'Last' || i, 'Company ' || i,
                       'lead-' || i || '@example.com', 'owner-1', 'OPEN', 'NEW', 0, now(), 'seed', now(), 'seed'
                from generate_series(1, LEADS) as i""".replace("LEADS", Integer.toString(LEADS)));
        s.execute("""
                insert into qualification (id, lead_id, status, create_account, create_contact, create_opportunity,
                                           duplicate_policy, requested_by, started_at, deadline, version)
                select md5('set-based attempt ' || i)::uuid, md5('set-based lead ' || i)::uuid, 'IN_PROGRESS', true, true,
                       true, 'REPORT', 'seed', now(), now(), 0
                from generate_series(1, LEADS) as i""".replace("LEADS", Integer.toString(LEADS)));
        s.execute("insert into qualify_job (id, requested_by, duplicate_policy, total, created_at) values ('" + JOB
                + "', 'seed', 'REPORT', " + LEADS + ", now())");
        s.execute("""
                insert into qualify_job_lead (job_id, lead_id, position, status, qualification_id)
                select 'JOB', md5('set-based lead ' || i)::uuid, i, 'IN_PROGRESS', md5('set-based attempt ' || i)::uuid
                from generate_series(1, LEADS) as i""".replace("LEADS", Integer.toString(LEADS)).replace("JOB", JOB));
    }
}
