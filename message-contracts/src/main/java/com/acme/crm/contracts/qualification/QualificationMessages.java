package com.acme.crm.contracts.qualification;

import com.acme.crm.contracts.MessageType;

import java.util.List;
import java.util.Optional;

/** The catalog of the saga's internal messages: their {@code ce_type} names and data records. */
public final class QualificationMessages {

    public static final MessageType<ResolveAccountAndContact> RESOLVE_ACCOUNT_AND_CONTACT =
            new MessageType<>("crm.internal.resolve-account-and-contact.v1", ResolveAccountAndContact.class);
    public static final MessageType<UndoAccountAndContact> UNDO_ACCOUNT_AND_CONTACT =
            new MessageType<>("crm.internal.undo-account-and-contact.v1", UndoAccountAndContact.class);
    public static final MessageType<CreateOpportunity> CREATE_OPPORTUNITY =
            new MessageType<>("crm.internal.create-opportunity.v1", CreateOpportunity.class);
    public static final MessageType<CopyOpportunityNotes> COPY_OPPORTUNITY_NOTES =
            new MessageType<>("crm.internal.copy-opportunity-notes.v1", CopyOpportunityNotes.class);
    public static final MessageType<UndoOpportunity> UNDO_OPPORTUNITY =
            new MessageType<>("crm.internal.undo-opportunity.v1", UndoOpportunity.class);

    public static final MessageType<AccountAndContactResolved> ACCOUNT_AND_CONTACT_RESOLVED =
            new MessageType<>("crm.internal.account-and-contact-resolved.v1", AccountAndContactResolved.class);
    public static final MessageType<DuplicatesFound> DUPLICATES_FOUND =
            new MessageType<>("crm.internal.duplicates-found.v1", DuplicatesFound.class);
    public static final MessageType<AccountAndContactRejected> ACCOUNT_AND_CONTACT_REJECTED =
            new MessageType<>("crm.internal.account-and-contact-rejected.v1", AccountAndContactRejected.class);
    public static final MessageType<OpportunityCreated> OPPORTUNITY_CREATED =
            new MessageType<>("crm.internal.opportunity-created.v1", OpportunityCreated.class);
    public static final MessageType<OpportunityRejected> OPPORTUNITY_REJECTED =
            new MessageType<>("crm.internal.opportunity-rejected.v1", OpportunityRejected.class);

    public static final List<MessageType<?>> ACCOUNT_COMMANDS = List.of(RESOLVE_ACCOUNT_AND_CONTACT, UNDO_ACCOUNT_AND_CONTACT);
    public static final List<MessageType<?>> OPPORTUNITY_COMMANDS = List.of(CREATE_OPPORTUNITY, COPY_OPPORTUNITY_NOTES, UNDO_OPPORTUNITY);
    public static final List<MessageType<? extends QualificationReply>> REPLIES = List.of(
            ACCOUNT_AND_CONTACT_RESOLVED, DUPLICATES_FOUND, ACCOUNT_AND_CONTACT_REJECTED,
            OPPORTUNITY_CREATED, OPPORTUNITY_REJECTED);

    private QualificationMessages() {
    }

    /** The reply type named {@code ceType}, if it is one. */
    public static Optional<MessageType<? extends QualificationReply>> reply(String ceType) {
        return REPLIES.stream().filter(t -> t.name().equals(ceType)).findFirst();
    }

    /** The message type of a reply record. */
    public static MessageType<? extends QualificationReply> typeOf(QualificationReply reply) {
        return REPLIES.stream().filter(t -> t.dataClass() == reply.getClass()).findFirst().orElseThrow();
    }
}
