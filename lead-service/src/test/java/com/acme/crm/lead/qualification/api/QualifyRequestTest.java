package com.acme.crm.lead.qualification.api;

import com.acme.crm.lead.decisions.QualifyChoices;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REST body hands every member, unchanged and in its place, to the decisions. */
class QualifyRequestTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final UUID CONTACT = UUID.randomUUID();

    @Test
    void choices_keepEveryMemberInItsPlace() {
        // two bodies whose flags differ pairwise in one of them, so any two members swapped show
        assertEquals(new QualifyChoices(true, false, null, ACCOUNT, CONTACT, "USD", null),
                new QualifyRequest(true, false, null, ACCOUNT, CONTACT, "USD", null).choices());
        assertEquals(new QualifyChoices(null, null, true, CONTACT, ACCOUNT, null, false),
                new QualifyRequest(null, null, true, CONTACT, ACCOUNT, null, false).choices());
    }

    @Test
    void anEmptyBody_saysNothing() {
        assertEquals(QualifyChoices.NONE, new QualifyRequest(null, null, null, null, null, null, null).choices());
    }
}
