package com.acme.crm.lead;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.lead.api.LeadView;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/asyncapi.yaml documents the data of every lead event as exactly the LeadView record (plain JUnit). */
class LeadEventSchemaTest {

    @Test
    void everyLeadEventCarriesTheLeadView() {
        AsyncApiDocument doc = AsyncApiDocument.load();
        for (String type : List.of(PublicEvents.LEAD_CREATED, PublicEvents.LEAD_UPDATED, PublicEvents.LEAD_DELETED,
                PublicEvents.LEAD_DISQUALIFIED, PublicEvents.LEAD_REACTIVATED, PublicEvents.LEAD_QUALIFIED,
                PublicEvents.LEAD_QUALIFICATION_FAILED)) {
            assertEquals(List.of(), doc.mismatches(LeadView.class, doc.payload(type)), type);
        }
    }
}
