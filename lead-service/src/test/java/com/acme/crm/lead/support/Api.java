package com.acme.crm.lead.support;

import com.acme.crm.testinfra.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The people of the tests (SPEC §9's cast) and short ways to call the lead API as one of them. */
public final class Api {

    public static final User ALICE = new User("alice", "salesperson");
    public static final User BOB = new User("bob", "salesperson");
    public static final User CAROL = new User("carol", "sales-manager");
    public static final User DAVE = new User("dave", "admin");

    private Api() {
    }

    /** A user and their one role; the token's {@code sub} is the name. */
    public record User(String name, String role) {

        public RequestSpecification call() {
            return given().header("Authorization", TestTokens.bearer(name, role)).contentType(ContentType.JSON);
        }

        public String createLead(Map<String, ?> body) {
            return call().body(body).post("/api/leads?suppressDuplicateDetection=true")
                    .then().statusCode(201).extract().path("id");
        }

        /** A minimal lead owned by {@code owner} (this user must be allowed to assign it). */
        public String createLeadFor(String owner) {
            return createLead(minimalLead(Map.of("ownerId", owner)));
        }

        public String createLead() {
            return createLead(minimalLead(Map.of()));
        }

        @Override
        public String toString() {
            return name + " (" + role + ")";
        }
    }

    /** A valid body with a unique topic; {@code extra} adds or replaces fields. */
    public static Map<String, Object> minimalLead(Map<String, ?> extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("topic", "Topic " + UUID.randomUUID());
        body.put("lastName", "Rossi");
        body.putAll(extra);
        return body;
    }

    /** Every §3 field a client may send. */
    public static Map<String, Object> fullLead(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("topic", "Espresso machines for 40 branches");
        body.put("firstName", "Giulia");
        body.put("lastName", "Rossi");
        body.put("jobTitle", "Head of purchasing");
        body.put("companyName", "Caffe Rossi S.p.A.");
        body.put("email", email);
        body.put("businessPhone", "+39 02 1234567");
        body.put("mobilePhone", "+39 333 1234567");
        body.put("website", "https://rossi.example");
        body.put("address", Map.of("street", "Via Roma 1", "city", "Milano", "stateOrProvince", "MI",
                "postalCode", "20121", "country", "Italy"));
        body.put("industry", "Hospitality");
        body.put("preferredContactMethod", "EMAIL");
        body.put("leadSource", "TRADE_SHOW");
        body.put("budgetAmount", 125000.50);
        body.put("currency", "EUR");
        body.put("purchaseTimeframe", "THIS_QUARTER");
        body.put("purchaseProcess", "COMMITTEE");
        body.put("decisionMaker", true);
        body.put("description", "Met at the fair");
        body.put("existingAccountId", UUID.randomUUID().toString());
        body.put("existingContactId", UUID.randomUUID().toString());
        body.put("sourceCampaignId", "FAIR-2026");
        return body;
    }

    public static String uniqueEmail() {
        return "lead-" + UUID.randomUUID() + "@example.com";
    }
}
