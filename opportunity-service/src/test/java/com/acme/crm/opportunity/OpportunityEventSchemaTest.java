package com.acme.crm.opportunity;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.opportunity.api.OpportunityView;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/asyncapi.yaml documents the data of the opportunity events as exactly OpportunityView (plain JUnit). */
class OpportunityEventSchemaTest {

    @Test
    void opportunityEventsCarryTheView() {
        AsyncApiDocument doc = AsyncApiDocument.load();
        for (String type : List.of(PublicEvents.OPPORTUNITY_CREATED, PublicEvents.OPPORTUNITY_DELETED)) {
            assertEquals(List.of(), doc.mismatches(OpportunityView.class, doc.payload(type)), type);
        }
    }
}
