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

    /**
     * The interactive lane ({@link Lane#INTERACTIVE}): the same commands and replies as the three above, for
     * attempts a user waits for, on topics and consumers of their own so they never queue behind a bulk job's.
     */
    public static final String ACCOUNT_COMMANDS_INTERACTIVE = ACCOUNT_COMMANDS + ".interactive";
    public static final String OPPORTUNITY_COMMANDS_INTERACTIVE = OPPORTUNITY_COMMANDS + ".interactive";
    public static final String QUALIFICATION_REPLIES_INTERACTIVE = QUALIFICATION_REPLIES + ".interactive";

    /** The topics the services consume (each has a dead-letter topic, name + ".dlq"). */
    public static final List<String> CONSUMED = List.of(
            ACCOUNT_COMMANDS, OPPORTUNITY_COMMANDS, QUALIFICATION_REPLIES,
            ACCOUNT_COMMANDS_INTERACTIVE, OPPORTUNITY_COMMANDS_INTERACTIVE, QUALIFICATION_REPLIES_INTERACTIVE);

    /** Every topic, with the dead-letter topics (name + ".dlq") of those the services consume. */
    public static final List<String> ALL = List.of(
            LEAD_EVENTS, ACCOUNT_EVENTS, OPPORTUNITY_EVENTS,
            ACCOUNT_COMMANDS, OPPORTUNITY_COMMANDS, QUALIFICATION_REPLIES,
            ACCOUNT_COMMANDS + ".dlq", OPPORTUNITY_COMMANDS + ".dlq", QUALIFICATION_REPLIES + ".dlq",
            ACCOUNT_COMMANDS_INTERACTIVE, OPPORTUNITY_COMMANDS_INTERACTIVE, QUALIFICATION_REPLIES_INTERACTIVE,
            ACCOUNT_COMMANDS_INTERACTIVE + ".dlq", OPPORTUNITY_COMMANDS_INTERACTIVE + ".dlq",
            QUALIFICATION_REPLIES_INTERACTIVE + ".dlq");

    /** Whether a topic is one of the interactive lane's (its dead-letter topic included). */
    public static boolean isInteractive(String topic) {
        return topic.endsWith(".interactive") || topic.endsWith(".interactive.dlq");
    }

    private Topics() {
    }
}
