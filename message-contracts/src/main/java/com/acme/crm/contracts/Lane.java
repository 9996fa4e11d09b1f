package com.acme.crm.contracts;

/**
 * Which topics carry one qualification attempt's commands and replies. A bulk job's attempts take the
 * bulk lane (the original topics); an attempt a user waits for takes the interactive lane, whose topics
 * have consumers of their own in every service, so it never queues behind a job's backlog. Every message
 * of one attempt travels on its lane (commands, replies, undos, late replies, note chunks): one lane per
 * attempt keeps the attempt's messages in order on the lead's key.
 */
public enum Lane {

    BULK(Topics.ACCOUNT_COMMANDS, Topics.OPPORTUNITY_COMMANDS, Topics.QUALIFICATION_REPLIES),
    INTERACTIVE(Topics.ACCOUNT_COMMANDS_INTERACTIVE, Topics.OPPORTUNITY_COMMANDS_INTERACTIVE,
            Topics.QUALIFICATION_REPLIES_INTERACTIVE);

    private final String accountCommands;
    private final String opportunityCommands;
    private final String replies;

    Lane(String accountCommands, String opportunityCommands, String replies) {
        this.accountCommands = accountCommands;
        this.opportunityCommands = opportunityCommands;
        this.replies = replies;
    }

    public String accountCommands() {
        return accountCommands;
    }

    public String opportunityCommands() {
        return opportunityCommands;
    }

    /** Where account- and opportunity-service answer a command that came on this lane. */
    public String replies() {
        return replies;
    }
}
