package com.acme.crm.system;

import com.acme.crm.contracts.Topics;
import com.acme.crm.contracts.qualification.QualificationMessages;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the three databases hold for a set of leads, read directly (the services' APIs page), and the
 * checks every fault test makes afterwards: one account, contact and opportunity per qualified lead,
 * none for a lead that is not qualified, none the lead does not point at, nothing IN_PROGRESS.
 */
record QualifiedRecords(int qualified, int inProgress, int accounts, int contacts, int opportunities, int orphans,
                        int mismatched) {

    static QualifiedRecords of(List<String> leads) throws SQLException {
        String ids = leads.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        int qualified = count("lead", "select count(*) from lead where state = 'QUALIFIED' and id in (" + ids + ")");
        int inProgress = count("lead", "select count(*) from qualification where status = 'IN_PROGRESS' and lead_id in (" + ids + ")");
        String qualifiedAccounts = list("lead", "select account_id from lead where state = 'QUALIFIED' and id in (" + ids + ")");
        String qualifiedContacts = list("lead", "select contact_id from lead where state = 'QUALIFIED' and id in (" + ids + ")");
        String qualifiedOpportunities = list("lead", "select opportunity_id from lead where state = 'QUALIFIED' and id in (" + ids + ")");
        String qualifiedLeads = list("lead", "select id from lead where state = 'QUALIFIED' and id in (" + ids + ")");
        int accounts = count("account", "select count(*) from account where originating_lead_id in (" + ids + ")");
        int contacts = count("account", "select count(*) from contact where originating_lead_id in (" + ids + ")");
        int opportunities = count("opportunity", "select count(*) from opportunity where originating_lead_id in (" + ids + ")");
        int orphans = count("account", "select count(*) from account where originating_lead_id in (" + ids + ") and originating_lead_id not in (" + qualifiedLeads + ")")
                + count("account", "select count(*) from contact where originating_lead_id in (" + ids + ") and originating_lead_id not in (" + qualifiedLeads + ")")
                + count("opportunity", "select count(*) from opportunity where originating_lead_id in (" + ids + ") and originating_lead_id not in (" + qualifiedLeads + ")");
        int mismatched = count("account", "select count(*) from account where originating_lead_id in (" + ids + ") and id not in (" + qualifiedAccounts + ")")
                + count("account", "select count(*) from contact where originating_lead_id in (" + ids + ") and id not in (" + qualifiedContacts + ")")
                + count("opportunity", "select count(*) from opportunity where originating_lead_id in (" + ids + ") and id not in (" + qualifiedOpportunities + ")");
        return new QualifiedRecords(qualified, inProgress, accounts, contacts, opportunities, orphans, mismatched);
    }

    private static final List<String> UNDO_TYPES = List.of(
            QualificationMessages.UNDO_ACCOUNT_AND_CONTACT.name(), QualificationMessages.UNDO_OPPORTUNITY.name());

    /**
     * Undo commands given up by the two services that apply them (SPEC rule 8: never): on their dead-letter topics,
     * or set aside for an operator in their databases.
     */
    static long undosGivenUp(String bootstrapServers) throws SQLException {
        long deadLettered = Stream.of(Topics.ACCOUNT_COMMANDS + ".dlq", Topics.OPPORTUNITY_COMMANDS + ".dlq")
                .flatMap(topic -> TopicRecords.all(bootstrapServers, topic).stream())
                .filter(message -> UNDO_TYPES.contains(message.ceType()))
                .count();
        String undos = UNDO_TYPES.stream().map(type -> "'" + type + "'").collect(Collectors.joining(","));
        long setAside = 0;
        for (String database : List.of("account", "opportunity")) {
            if (RunningStack.count(database, "select count(*) from pg_tables where tablename = 'set_aside_message'") > 0) {
                setAside += RunningStack.count(database, "select count(*) from set_aside_message where type in (" + undos + ")");
            }
        }
        return deadLettered + setAside;
    }

    private static int count(String database, String sql) throws SQLException {
        return RunningStack.count(database, sql);
    }

    /** A SQL list literal of the ids a query returns ({@code 'x','y'}; a never-matching one when empty). */
    private static String list(String database, String sql) throws SQLException {
        List<String> values = RunningStack.column(database, sql);
        return values.isEmpty() ? "'00000000-0000-0000-0000-000000000000'"
                : values.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
    }
}
