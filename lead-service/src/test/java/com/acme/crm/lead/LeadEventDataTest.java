package com.acme.crm.lead;

import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.lead.LeadEventData;
import com.acme.crm.contracts.qualification.DuplicatePolicy;
import com.acme.crm.lead.events.LeadEventDataOf;
import com.acme.crm.lead.qualification.Qualification;
import com.acme.crm.lead.qualification.QualificationStatus;
import com.acme.crm.testinfra.AsyncApiDocument;
import com.acme.crm.testinfra.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer side of the lead events (plain JUnit): the lead mapped to message-contracts'
 * LeadEventData where it is published is valid by docs/asyncapi.yaml, keeps its budget's two
 * decimals, and reads back as the same record; the documented enumerations are lead-service's.
 */
class LeadEventDataTest {

    private final AsyncApiDocument doc = AsyncApiDocument.load();

    @Test
    void aLeadWithEveryFieldIsValidAndReadsBack() {
        Lead lead = minimalLead();
        lead.firstName = "Ada";
        lead.jobTitle = "CTO";
        lead.companyName = "Acme";
        lead.email = "ada@acme.test";
        lead.businessPhone = "+1 555";
        lead.mobilePhone = "+1 556";
        lead.website = "https://acme.test";
        lead.address = new Address();
        lead.address.city = "Oslo";
        lead.industry = "Retail";
        lead.preferredContactMethod = LeadEnums.ContactMethod.EMAIL;
        lead.leadSource = LeadEnums.LeadSource.WEB;
        lead.budgetAmount = new BigDecimal("25000"); // as a caller writes it
        lead.currency = "EUR";
        lead.purchaseTimeframe = LeadEnums.PurchaseTimeframe.THIS_QUARTER;
        lead.purchaseProcess = LeadEnums.PurchaseProcess.COMMITTEE;
        lead.decisionMaker = true;
        lead.description = "wants 40 seats";
        lead.existingAccountId = UUID.randomUUID();
        lead.state = LeadState.DISQUALIFIED;
        lead.statusReason = StatusReason.of("BUDGET_CUT");
        lead.customReasonLabel = "Budget cut";
        lead.closedAt = Instant.parse("2026-11-26T10:00:00Z");
        lead.latestQualification = attempt(lead.id, "{\"accounts\":[{\"id\":\"" + UUID.randomUUID()
                + "\",\"name\":\"Acme\",\"matchedOn\":\"name\"}],\"contacts\":[]}");

        String json = EventJson.write(LeadEventDataOf.of(lead));

        assertEquals(List.of(), doc.payloadProblems(PublicEvents.LEAD_DISQUALIFIED, json));
        assertTrue(json.contains("\"budgetAmount\":25000.00,"), json);
        LeadEventData read = EventJson.read(json, LeadEventData.class);
        assertEquals(LeadEventDataOf.of(lead), read);
        assertEquals("BUDGET_CUT", read.statusReason());
        assertEquals("Budget cut", read.statusReasonLabel());
        assertEquals("Acme", read.qualification().duplicates().accounts().get(0).name());
    }

    @Test
    void aLeadWithOnlyTheRequiredFieldsIsValidWithItsNulls() {
        Lead lead = minimalLead();
        String json = EventJson.write(LeadEventDataOf.of(lead));

        assertEquals(List.of(), doc.payloadProblems(PublicEvents.LEAD_CREATED, json));
        JsonNode data = EventJson.MAPPER.valueToTree(EventJson.read(json, LeadEventData.class));
        assertTrue(data.get("address").isNull() && data.get("qualification").isNull() && data.get("budgetAmount").isNull(), json);
        assertNull(EventJson.read(json, LeadEventData.class).firstName());
    }

    @Test
    void theDocumentedEnumerationsAreTheLeadServiceOnes() {
        JsonNode lead = doc.payload(PublicEvents.LEAD_CREATED).path("properties");
        JsonNode attempt = lead.path("qualification").path("properties");
        Map<JsonNode, Class<? extends Enum<?>>> enums = Map.of(
                lead.path("preferredContactMethod"), LeadEnums.ContactMethod.class,
                lead.path("leadSource"), LeadEnums.LeadSource.class,
                lead.path("purchaseTimeframe"), LeadEnums.PurchaseTimeframe.class,
                lead.path("purchaseProcess"), LeadEnums.PurchaseProcess.class,
                lead.path("state"), LeadState.class,
                attempt.path("status"), QualificationStatus.class,
                attempt.path("request").path("properties").path("duplicatePolicy"), DuplicatePolicy.class);
        enums.forEach((schema, type) -> assertEquals(names(type), documented(schema), type.getSimpleName()));
    }

    static TreeSet<String> names(Class<? extends Enum<?>> type) {
        TreeSet<String> names = new TreeSet<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> names.add(e.name()));
        return names;
    }

    static TreeSet<String> documented(JsonNode schema) {
        TreeSet<String> values = new TreeSet<>();
        schema.path("enum").forEach(v -> {
            if (!v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }

    private static Lead minimalLead() {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.topic = "40 seats";
        lead.lastName = "Lovelace";
        lead.ownerId = "alice";
        lead.state = LeadState.OPEN;
        lead.statusReason = StatusReason.NEW;
        lead.version = 1;
        lead.createdAt = Instant.parse("2026-11-26T09:00:00.123456Z");
        lead.createdBy = "alice";
        lead.modifiedAt = lead.createdAt;
        lead.modifiedBy = "alice";
        return lead;
    }

    private static Qualification attempt(UUID leadId, String duplicates) {
        Qualification q = new Qualification();
        q.id = UUID.randomUUID();
        q.leadId = leadId;
        q.status = QualificationStatus.DUPLICATES_FOUND;
        q.createAccount = true;
        q.createContact = true;
        q.duplicatePolicy = DuplicatePolicy.REPORT;
        q.duplicates = duplicates;
        q.startedAt = Instant.parse("2026-11-26T09:30:00Z");
        q.finishedAt = Instant.parse("2026-11-26T09:30:01Z");
        return q;
    }
}
