package com.acme.crm.lead.contacts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How a contact event changes the copy (plain JUnit, no I/O). */
class ContactCopyRuleTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant BEFORE = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    private static final CopiedContact AT_3 = new CopiedContact(ID, "Ada", "King", "ada@x.test", "CEO", 3, false, BEFORE);

    @Test
    void aFirstEventMakesTheCopy_aMissingVersionCountsAsZero() {
        assertEquals(new CopiedContact(ID, "Ada", "Lovelace", null, "CTO", 0, false, NOW),
                ContactCopyRule.after(null, new ContactEvent(ID, "Ada", "Lovelace", null, "CTO", null), false, NOW));
    }

    @Test
    void aNewerOrEqualEventReplacesTheFields() {
        assertEquals(new CopiedContact(ID, "Ada", "Byron", "a@b.test", "CTO", 4, false, NOW),
                ContactCopyRule.after(AT_3, new ContactEvent(ID, "Ada", "Byron", "a@b.test", "CTO", 4L), false, NOW));
        assertEquals(new CopiedContact(ID, "A.", "King", null, null, 3, false, NOW),
                ContactCopyRule.after(AT_3, new ContactEvent(ID, "A.", "King", null, null, 3L), false, NOW));
    }

    @Test
    void anOlderEventChangesNothing() {
        assertNull(ContactCopyRule.after(AT_3, new ContactEvent(ID, "Stale", "Old", null, null, 2L), false, NOW));
    }

    @Test
    void aRepeatedEvent_changesNothing_notEvenTheCopysTime() {
        ContactEvent created = new ContactEvent(ID, "Ada", "King", "ada@x.test", "CEO", 1L);
        ContactEvent updated = new ContactEvent(ID, "Ada", "Lovelace", "ada@x.test", "CTO", 2L);
        CopiedContact afterBoth = ContactCopyRule.after(ContactCopyRule.after(null, created, false, BEFORE), updated, false, BEFORE);

        // a redelivered suffix of the partition: both again, in order
        assertNull(ContactCopyRule.after(afterBoth, created, false, NOW));
        assertNull(ContactCopyRule.after(afterBoth, updated, false, NOW));
        // a delete delivered twice
        ContactEvent deletedEvent = new ContactEvent(ID, "Ada", "Lovelace", null, null, 3L);
        CopiedContact deleted = ContactCopyRule.after(afterBoth, deletedEvent, true, BEFORE);
        assertEquals(new CopiedContact(ID, "Ada", "Lovelace", null, null, 3, true, BEFORE), deleted);
        assertNull(ContactCopyRule.after(deleted, deletedEvent, true, NOW));
    }

    @Test
    void aDeleteAppliesEvenWhenOlder_keepsTheHigherVersion_andADeletedCopyStaysDeleted() {
        CopiedContact deleted = ContactCopyRule.after(AT_3, new ContactEvent(ID, "Ada", "King", null, null, 2L), true, NOW);
        assertEquals(new CopiedContact(ID, "Ada", "King", null, null, 3, true, NOW), deleted);
        assertEquals(new CopiedContact(ID, "Ada", "Again", null, null, 5, true, NOW),
                ContactCopyRule.after(deleted, new ContactEvent(ID, "Ada", "Again", null, null, 5L), false, NOW));
    }
}
