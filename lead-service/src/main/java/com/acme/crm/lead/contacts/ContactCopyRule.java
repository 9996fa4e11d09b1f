package com.acme.crm.lead.contacts;

import java.time.Instant;

/**
 * How a contact event changes lead-service's copy of the contact (no I/O): an older event than the copy's version is
 * ignored, unless it deletes; otherwise the event's fields are copied, the version is the higher of the two, and a
 * deleted contact stays deleted. An event that would leave the copy as it is changes nothing, not even its time: so a
 * repeat of an event (the consumer keeps no inbox record for them) writes nothing. A repeat comes in the partition's
 * order after the events it followed (a redelivered suffix), or finds a newer version, so the copy ends as the last
 * event left it.
 */
final class ContactCopyRule {

    private ContactCopyRule() {
    }

    /**
     * @param copy the copy as it is (null: none yet)
     * @return the copy after the event, or null when the event changes nothing (an older one, delivered late, or a
     *         repeat)
     */
    static CopiedContact after(CopiedContact copy, ContactEvent event, boolean deleted, Instant now) {
        long version = event.version() == null ? 0 : event.version();
        if (copy != null && copy.sourceVersion() > version && !deleted) {
            return null;
        }
        CopiedContact after = new CopiedContact(event.id(), event.firstName(), event.lastName(), event.email(),
                event.jobTitle(), Math.max(version, copy == null ? 0 : copy.sourceVersion()),
                deleted || copy != null && copy.deleted(), now);
        return copy != null && after.equals(copy.at(now)) ? null : after;
    }
}
