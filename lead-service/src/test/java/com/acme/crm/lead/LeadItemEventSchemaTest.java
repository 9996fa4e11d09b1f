package com.acme.crm.lead;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.lead.ActivityEventData;
import com.acme.crm.contracts.events.lead.AttachmentEventData;
import com.acme.crm.contracts.events.lead.StakeholderEventData;
import com.acme.crm.lead.activities.Activity;
import com.acme.crm.lead.activities.ActivityState;
import com.acme.crm.lead.activities.ActivityType;
import com.acme.crm.lead.activities.Direction;
import com.acme.crm.lead.activities.LeadActivities;
import com.acme.crm.lead.attachments.Attachment;
import com.acme.crm.lead.attachments.LeadAttachments;
import com.acme.crm.lead.stakeholders.LeadStakeholders;
import com.acme.crm.lead.stakeholders.Stakeholder;
import com.acme.crm.lead.stakeholders.StakeholderRole;
import com.acme.crm.testinfra.AsyncApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The producer side of the timeline item events (plain JUnit): an activity, a stakeholder and an attachment mapped
 * to message-contracts' records where they are published are valid by docs/asyncapi.yaml and read
 * back as the same records; the documented enumerations are lead-service's.
 */
class LeadItemEventSchemaTest {

    private final AsyncApiDocument doc = AsyncApiDocument.load();

    @Test
    void anActivityWithAndWithoutItsOptionalFields() {
        Activity task = item(new Activity());
        task.type = ActivityType.TASK;
        task.subject = "Send the offer";
        task.ownerId = "alice";
        task.state = ActivityState.OPEN;
        doc.assertRoundTrip(PublicEvents.LEAD_ACTIVITY_CREATED, LeadActivities.eventData(task), ActivityEventData.class);

        Activity call = item(new Activity());
        call.type = ActivityType.PHONE_CALL;
        call.subject = "Follow up";
        call.description = "about the budget";
        call.dueAt = Instant.parse("2026-11-27T09:00:00Z");
        call.direction = Direction.OUTGOING;
        call.ownerId = "bob";
        call.state = ActivityState.COMPLETED;
        call.outcome = "interested";
        call.closedAt = Instant.parse("2026-11-27T09:10:00Z");
        doc.assertRoundTrip(PublicEvents.LEAD_ACTIVITY_UPDATED, LeadActivities.eventData(call), ActivityEventData.class);
    }

    @Test
    void aStakeholder() {
        Stakeholder s = item(new Stakeholder());
        s.contactId = UUID.randomUUID();
        s.role = StakeholderRole.ECONOMIC_BUYER;
        for (String type : List.of(PublicEvents.LEAD_STAKEHOLDER_ADDED, PublicEvents.LEAD_STAKEHOLDER_UPDATED,
                PublicEvents.LEAD_STAKEHOLDER_REMOVED)) {
            doc.assertRoundTrip(type, LeadStakeholders.eventData(s), StakeholderEventData.class);
        }
    }

    @Test
    void anAttachmentWithAndWithoutItsNote() {
        Attachment file = item(new Attachment());
        file.fileName = "Angebot – Q4.pdf";
        file.mediaType = "application/pdf";
        file.size = 25L * 1024 * 1024;
        file.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        doc.assertRoundTrip(PublicEvents.LEAD_ATTACHMENT_ADDED, LeadAttachments.eventData(file), AttachmentEventData.class);
        file.note = "the signed offer";
        doc.assertRoundTrip(PublicEvents.LEAD_ATTACHMENT_REMOVED, LeadAttachments.eventData(file), AttachmentEventData.class);
    }

    @Test
    void theDocumentedEnumerationsAreTheLeadServiceOnes() {
        JsonNode activity = doc.payload(PublicEvents.LEAD_ACTIVITY_CREATED).path("properties");
        assertEquals(LeadEventDataTest.names(ActivityType.class), LeadEventDataTest.documented(activity.path("type")));
        assertEquals(LeadEventDataTest.names(ActivityState.class), LeadEventDataTest.documented(activity.path("state")));
        assertEquals(LeadEventDataTest.names(Direction.class), LeadEventDataTest.documented(activity.path("direction")));
        JsonNode stakeholder = doc.payload(PublicEvents.LEAD_STAKEHOLDER_ADDED).path("properties");
        assertEquals(LeadEventDataTest.names(StakeholderRole.class), LeadEventDataTest.documented(stakeholder.path("role")));
    }


    private static <T extends ItemOfLead> T item(T item) {
        item.id = UUID.randomUUID();
        item.leadId = UUID.randomUUID();
        item.version = 2;
        item.createdAt = Instant.parse("2026-11-26T09:00:00.5Z");
        item.createdBy = "alice";
        item.modifiedAt = Instant.parse("2026-11-26T09:05:00Z");
        item.modifiedBy = "carol";
        return item;
    }
}
