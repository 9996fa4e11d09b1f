package com.acme.crm.lead;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.activities.ActivityView;
import com.acme.crm.lead.attachments.AttachmentEntry;
import com.acme.crm.lead.stakeholders.StakeholderEntry;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/asyncapi.yaml documents the data of every timeline item event as exactly the record lead-service sends (plain JUnit). */
class LeadItemEventSchemaTest {

    @Test
    void everyItemEventCarriesItsRecord() {
        AsyncApiDocument doc = AsyncApiDocument.load();
        Map<String, Class<?>> records = Map.of(
                PublicEvents.LEAD_ACTIVITY_CREATED, ActivityView.class,
                PublicEvents.LEAD_ACTIVITY_UPDATED, ActivityView.class,
                PublicEvents.LEAD_STAKEHOLDER_ADDED, StakeholderEntry.class,
                PublicEvents.LEAD_STAKEHOLDER_UPDATED, StakeholderEntry.class,
                PublicEvents.LEAD_STAKEHOLDER_REMOVED, StakeholderEntry.class,
                PublicEvents.LEAD_ATTACHMENT_ADDED, AttachmentEntry.class,
                PublicEvents.LEAD_ATTACHMENT_REMOVED, AttachmentEntry.class);
        records.forEach((type, record) -> assertEquals(List.of(), doc.mismatches(record, doc.payload(type)), type));
    }
}
