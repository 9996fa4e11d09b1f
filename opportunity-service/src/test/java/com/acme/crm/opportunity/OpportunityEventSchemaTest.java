package com.acme.crm.opportunity;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.opportunity.OpportunitySummary;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/asyncapi.yaml documents the data of the opportunity events as exactly OpportunitySummary, the opportunity without its note texts (plain JUnit). */
class OpportunityEventSchemaTest {

    @Test
    void opportunityEventsCarryTheSummary() {
        AsyncApiDocument doc = AsyncApiDocument.load();
        for (String type : List.of(PublicEvents.OPPORTUNITY_CREATED, PublicEvents.OPPORTUNITY_DELETED)) {
            assertEquals(List.of(), doc.mismatches(OpportunitySummary.class, doc.payload(type)), type);
        }
    }
}
