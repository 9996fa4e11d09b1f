package com.acme.crm.system;

import com.acme.crm.stack.ServiceDefinition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Which statements each service's database ran during a job, per lead, from pg_stat_statements (loaded only when the
 * stack starts PostgreSQL with {@code crm.stack.postgres.statement-statistics=true}, which
 * {@code -Dbench.statements=true} asks for). Execution time is the server's time inside the executor, planning time the
 * planner's (track_planning); parsing and the protocol's round trips are in neither.
 */
final class StatementStatistics {

    private static final int TOP = 12;

    private StatementStatistics() {
    }

    static void reset() throws Exception {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            superuserColumn(service.database(), "select pg_stat_statements_reset()");
        }
    }

    /** As the superuser: resetting and reading other roles' statements need it. */
    private static List<String> superuserColumn(String database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = RunningStack.get().postgres().superuserConnection(database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Per database: the totals per lead, then the statements that took the most execution and planning time. */
    static List<String> perLead(int leads) throws Exception {
        List<String> lines = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String database = service.database();
            String scope = " from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '" + database
                    + "' and s.query not like '%pg_stat_statements%'";
            String totals = superuserColumn(database, "select format('%s statements, %s ms executing, %s ms planning (%s plans), %s rows',"
                    + " round(sum(calls)::numeric / " + leads + ", 1), round((sum(total_exec_time) / " + leads + ")::numeric, 3),"
                    + " round((sum(total_plan_time) / " + leads + ")::numeric, 3), round(sum(plans)::numeric / " + leads + ", 1),"
                    + " round(sum(rows)::numeric / " + leads + ", 1))" + scope).get(0);
            lines.add(String.format("%-20s per lead: %s; by execution + planning time:", service.name(), totals));
            lines.add(String.format("  %8s %9s %9s %7s %8s %8s %8s  %s", "calls", "ms", "plan ms", "rows", "mean ms", "plan mean", "blocks",
                    "statement"));
            // blocks: shared buffers hit or read a call, the work a plan does whatever the load (its time is not)
            // ordered by execution and planning time together: with every execution planned anew, planning is the larger part
            for (String row : superuserColumn(database, "select format('%s|%s|%s|%s|%s|%s|%s|%s',"
                    + " round(calls::numeric / " + leads + ", 2), round((total_exec_time / " + leads + ")::numeric, 3),"
                    + " round((total_plan_time / " + leads + ")::numeric, 3),"
                    + " round(rows::numeric / " + leads + ", 2), round(mean_exec_time::numeric, 3), round(mean_plan_time::numeric, 3),"
                    + " round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1),"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 140))" + scope
                    + " order by total_exec_time + total_plan_time desc limit " + TOP)) {
                String[] cells = row.split("\\|", 8);
                lines.add(String.format("  %8s %9s %9s %7s %8s %8s %8s  %s", (Object[]) cells));
            }
        }
        return lines;
    }
}
