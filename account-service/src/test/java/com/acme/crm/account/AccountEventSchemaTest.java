package com.acme.crm.account;

import com.acme.crm.account.api.AccountView;
import com.acme.crm.account.api.ContactView;
import com.acme.crm.contracts.PublicEvents;
import com.acme.crm.testinfra.AsyncApiDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/asyncapi.yaml documents the data of the account and contact events as exactly their views (plain JUnit). */
class AccountEventSchemaTest {

    @Test
    void accountAndContactEventsCarryTheirViews() {
        AsyncApiDocument doc = AsyncApiDocument.load();
        for (String type : List.of(PublicEvents.ACCOUNT_CREATED, PublicEvents.ACCOUNT_UPDATED, PublicEvents.ACCOUNT_DELETED)) {
            assertEquals(List.of(), doc.mismatches(AccountView.class, doc.payload(type)), type);
        }
        for (String type : List.of(PublicEvents.CONTACT_CREATED, PublicEvents.CONTACT_UPDATED, PublicEvents.CONTACT_DELETED)) {
            assertEquals(List.of(), doc.mismatches(ContactView.class, doc.payload(type)), type);
        }
    }
}
