package com.acme.crm.account;

import com.acme.crm.account.events.AccountEvents;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.contracts.events.account.AccountEventData;
import com.acme.crm.contracts.events.account.ContactEventData;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;


/**
 * The producer side of the account and contact events (plain JUnit): the records mapped to
 * message-contracts' AccountEventData and ContactEventData where they are published are valid by
 * docs/asyncapi.yaml and read back as the same data (lead-service's ContactEventTest reads them as
 * its contact copy does).
 */
class AccountEventSchemaTest {

    private final AsyncApiDocument doc = AsyncApiDocument.load();

    @Test
    void anAccountWithAndWithoutItsOptionalFields() {
        Account bare = owned(new Account());
        bare.name = "Acme";
        for (String type : List.of(PublicEvents.ACCOUNT_CREATED, PublicEvents.ACCOUNT_UPDATED, PublicEvents.ACCOUNT_DELETED)) {
            doc.assertRoundTrip(type, AccountEvents.dataOf(bare), AccountEventData.class);
        }
        Account full = owned(new Account());
        full.name = "Acme";
        full.website = "https://acme.test";
        full.industry = "Retail";
        full.phone = "+1 555";
        full.street = "1 Main St";
        full.city = "Oslo";
        full.stateOrProvince = "Oslo";
        full.postalCode = "0150";
        full.country = "NO";
        full.originatingLeadId = UUID.randomUUID();
        doc.assertRoundTrip(PublicEvents.ACCOUNT_CREATED, AccountEvents.dataOf(full), AccountEventData.class);
    }

    @Test
    void aContactWithAndWithoutItsOptionalFields() {
        Contact bare = owned(new Contact());
        bare.lastName = "Hopper";
        for (String type : List.of(PublicEvents.CONTACT_CREATED, PublicEvents.CONTACT_UPDATED, PublicEvents.CONTACT_DELETED)) {
            doc.assertRoundTrip(type, AccountEvents.dataOf(bare), ContactEventData.class);
        }
        Contact full = owned(new Contact());
        full.firstName = "Grace";
        full.lastName = "Hopper";
        full.email = "grace@navy.test";
        full.jobTitle = "Rear admiral";
        full.businessPhone = "+1 555";
        full.mobilePhone = "+1 556";
        full.accountId = UUID.randomUUID();
        full.originatingLeadId = UUID.randomUUID();
        doc.assertRoundTrip(PublicEvents.CONTACT_UPDATED, AccountEvents.dataOf(full), ContactEventData.class);
    }


    private static <T extends OwnedRecord> T owned(T record) {
        record.id = UUID.randomUUID();
        record.ownerId = "bob";
        record.createdAt = Instant.parse("2026-11-26T09:00:00.25Z");
        record.createdBy = "bob";
        record.modifiedAt = Instant.parse("2026-11-26T09:01:00Z");
        record.version = 3;
        return record;
    }
}
