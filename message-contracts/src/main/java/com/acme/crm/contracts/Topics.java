package com.acme.crm.contracts;

import java.util.List;

/**
 * Every Kafka topic of the platform. Public topics carry CloudEvents for other systems; the
 * internal ones carry the qualification saga's commands and replies between our own services.
 * Every record is keyed by its aggregate id (the lead id for everything the saga sends).
 */
public final class Topics {

    public static final String LEAD_EVENTS = "crm.lead.events";
    public static final String ACCOUNT_EVENTS = "crm.account.events";
    public static final String OPPORTUNITY_EVENTS = "crm.opportunity.events";

    public static final String ACCOUNT_COMMANDS = "crm.internal.account-commands";
    public static final String OPPORTUNITY_COMMANDS = "crm.internal.opportunity-commands";
    public static final String QUALIFICATION_REPLIES = "crm.internal.qualification-replies";

    /** Every topic, with the dead-letter topics (name + ".dlq") of the three the services consume. */
    public static final List<String> ALL = List.of(
            LEAD_EVENTS, ACCOUNT_EVENTS, OPPORTUNITY_EVENTS,
            ACCOUNT_COMMANDS, OPPORTUNITY_COMMANDS, QUALIFICATION_REPLIES,
            ACCOUNT_COMMANDS + ".dlq", OPPORTUNITY_COMMANDS + ".dlq", QUALIFICATION_REPLIES + ".dlq");

    private Topics() {
    }
}
