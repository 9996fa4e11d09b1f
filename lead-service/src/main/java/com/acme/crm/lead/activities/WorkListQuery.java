package com.acme.crm.lead.activities;

import com.acme.crm.common.paging.TimeCursor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one page of the work list, newest first, keyset-paged (plans in docs/lead-queries.md).
 * A salesperson sees the activities they own and those of their leads: two index scans, each
 * stopping after a page, merged. No I/O here.
 *
 * @param salesperson the caller's id when they see only their own (null for managers and admins)
 */
public record WorkListQuery(WorkListView view, String me, String salesperson, String ownerId, Instant now,
                            TimeCursor after, int limit) {

    public String sql() {
        List<String> common = new ArrayList<>();
        switch (view) {
            case MY_OPEN -> common.add("a.owner_id = :me and a.state = 'OPEN'");
            case OVERDUE -> common.add("a.state = 'OPEN' and a.due < :now");
            case ALL -> { }
        }
        if (ownerId != null) {
            common.add("a.owner_id = :ownerId");
        }
        if (after != null) {
            common.add("(a.created_at, a.id) < (:cursorAt, :cursorId)");
        }
        if (salesperson == null || view == WorkListView.MY_OPEN) {
            return branch("lead_activity a", common) + " limit " + (limit + 1);
        }
        List<String> own = new ArrayList<>(common);
        own.add("a.owner_id = :me");
        List<String> ofMyLeads = new ArrayList<>(common);
        ofMyLeads.add("l.owner_id = :me");
        return "select id from ((" + branch("lead_activity a", own) + " limit " + (limit + 1) + ") union ("
                + branch("lead_activity a join lead l on l.id = a.lead_id", ofMyLeads) + " limit " + (limit + 1)
                + ")) mine order by created_at desc, id desc limit " + (limit + 1);
    }

    private String branch(String from, List<String> conditions) {
        String select = salesperson == null || view == WorkListView.MY_OPEN ? "select a.id" : "select a.id, a.created_at";
        return select + " from " + from + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by a.created_at desc, a.id desc";
    }

    /** The named parameters {@link #sql()} uses. */
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = sql();
        if (sql.contains(":me")) {
            parameters.put("me", me);
        }
        if (sql.contains(":now")) {
            parameters.put("now", now);
        }
        if (ownerId != null) {
            parameters.put("ownerId", ownerId);
        }
        if (after != null) {
            parameters.put("cursorAt", after.createdAt());
            parameters.put("cursorId", after.id());
        }
        return parameters;
    }
}
