package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.BOB;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class LeadListTest {

    /** A word only this test's leads carry, so that q isolates them from every other test's rows. */
    private static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static List<String> ids(Api.User user, Map<String, ?> query) {
        return user.call().queryParams(query).get("/api/leads").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void viewsShowWhatTheyNameAndSalespeopleOnlyTheirOwn() {
        String m = marker();
        String aliceOpen = ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        String aliceClosed = ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        ALICE.call().body(Map.of("reason", "LOST")).post("/api/leads/" + aliceClosed + "/disqualify").then().statusCode(200);
        String bobOpen = BOB.createLead(Api.minimalLead(Map.of("companyName", m)));

        ALICE.call().queryParam("q", m).get("/api/leads").then().statusCode(200)
                .body("items.id", contains(aliceOpen)).body("nextCursor", nullValue());
        assertEquals(List.of(aliceOpen), ids(ALICE, Map.of("q", m, "view", "open")));
        assertEquals(List.of(aliceClosed), ids(ALICE, Map.of("q", m, "view", "closed")));
        assertEquals(Set.of(aliceOpen, aliceClosed), Set.copyOf(ids(ALICE, Map.of("q", m, "view", "all"))));
        assertEquals(List.of(), ids(ALICE, Map.of("q", m, "view", "all", "ownerId", "bob")));

        CAROL.call().queryParams(Map.of("q", m, "view", "open")).get("/api/leads").then()
                .body("items.id", containsInAnyOrder(aliceOpen, bobOpen));
        assertEquals(List.of(), ids(CAROL, Map.of("q", m)), "carol owns none of them");
        assertEquals(List.of(bobOpen), ids(CAROL, Map.of("q", m, "view", "all", "ownerId", "bob")));
        assertEquals(List.of(aliceClosed), ids(CAROL, Map.of("q", m, "view", "all", "statusReason", "LOST")));
    }

    @Test
    void qSearchesNameCompanyAndEmailIgnoringCase() {
        String m = marker();
        String byFirstName = ALICE.createLead(Api.minimalLead(Map.of("firstName", "Zoe" + m)));
        String byLastName = ALICE.createLead(Api.minimalLead(Map.of("lastName", "Quist" + m)));
        String byCompany = ALICE.createLead(Api.minimalLead(Map.of("companyName", m + " GmbH")));
        String byEmail = ALICE.createLead(Api.minimalLead(Map.of("email", m + "@shop.example")));

        assertEquals(Set.of(byFirstName, byLastName, byCompany, byEmail), Set.copyOf(ids(ALICE, Map.of("q", m.toUpperCase()))));
        assertEquals(List.of(byLastName), ids(ALICE, Map.of("q", "QUIST" + m)));
        assertEquals(List.of(byEmail), ids(ALICE, Map.of("q", m + "@shop")));
        assertEquals(List.of(), ids(ALICE, Map.of("q", m + "%")), "wildcards are matched literally");
    }

    @Test
    void sortsByTheNamedKeyNewestFirstByDefault() {
        String m = marker();
        String b = ALICE.createLead(Api.minimalLead(Map.of("companyName", m, "lastName", "Bianchi")));
        String a = ALICE.createLead(Api.minimalLead(Map.of("companyName", m, "lastName", "Alberti")));
        String c = ALICE.createLead(Api.minimalLead(Map.of("companyName", m, "lastName", "Conti")));

        assertEquals(List.of(c, a, b), ids(ALICE, Map.of("q", m)));
        assertEquals(List.of(b, a, c), ids(ALICE, Map.of("q", m, "sort", "createdAt")));
        assertEquals(List.of(a, b, c), ids(ALICE, Map.of("q", m, "sort", "lastName")));
        assertEquals(List.of(c, b, a), ids(ALICE, Map.of("q", m, "sort", "-lastName")));
        ALICE.call().body(Map.of("jobTitle", "CEO")).patch("/api/leads/" + b).then().statusCode(200);
        assertEquals(b, ids(ALICE, Map.of("q", m, "sort", "-modifiedAt")).get(0));
    }

    @Test
    void cursorPagingIsStableWhileLeadsAreInserted() {
        String m = marker();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(ALICE.createLead(Api.minimalLead(Map.of("companyName", m, "lastName", "L" + (i % 3)))));
        }
        for (String sort : List.of("-createdAt", "lastName", "-modifiedAt")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var query = new java.util.HashMap<String, Object>(Map.of("q", m, "limit", 3, "sort", sort));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                JsonPath page = ALICE.call().queryParams(query).get("/api/leads").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
                if (pages++ == 0) { // a lead inserted after the first page: it sorts first (newest) or among them
                    created.add(ALICE.createLead(Api.minimalLead(Map.of("companyName", m, "lastName", "L9"))));
                }
            } while (cursor != null);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no lead twice for " + sort);
            assertFalse(seen.size() < 7, "no lead skipped for " + sort);
        }
    }

    @Test
    void limitDefaultsTo50() {
        ALICE.call().get("/api/leads").then().statusCode(200);
        String m = marker();
        ALICE.call().queryParams(Map.of("q", m, "limit", 200)).get("/api/leads").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void badListParametersAre400sNamingTheParameter() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("limit", "0"), Map.entry("limit", "201"), Map.entry("limit", "ten"),
                Map.entry("view", "mine"), Map.entry("sort", "email"), Map.entry("statusReason", "WON"),
                Map.entry("cursor", "not-a-cursor"))) {
            ALICE.call().queryParam(bad.getKey(), bad.getValue()).get("/api/leads").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo(bad.getKey()));
        }
        String m = marker();
        for (int i = 0; i < 2; i++) {
            ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        }
        String cursor = ALICE.call().queryParams(Map.of("q", m, "limit", 1)).get("/api/leads").path("nextCursor");
        ALICE.call().queryParams(Map.of("q", m, "limit", 1, "sort", "lastName", "cursor", cursor)).get("/api/leads")
                .then().statusCode(400).body("violations[0].field", equalTo("cursor"));
    }

    /**
     * The list reads its rows itself (LeadRows), not through the entity: each listed lead must be exactly what its own
     * GET shows, every field, the latest attempt with its duplicates and the organisation's reason label included.
     */
    @Test
    void eachListedLeadIsExactlyWhatItsOwnGetShows() throws Exception {
        String m = marker();
        String full = ALICE.createLead(Api.fullLead(m + "@rossi.example"));
        String minimal = ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        String reason = "R_" + m.substring(1, 9).toUpperCase();
        DAVE.call().body(Map.of("code", reason, "label", "Budget cut " + m)).post("/api/settings/disqualification-reasons")
                .then().statusCode(201);
        String ownReason = ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        ALICE.call().body(Map.of("reason", reason)).post("/api/leads/" + ownReason + "/disqualify").then().statusCode(200);
        String withAttempt = ALICE.createLead(Api.minimalLead(Map.of("companyName", m)));
        try (Connection c = Db.connect(); Statement sql = c.createStatement()) {
            UUID attempt = UUID.randomUUID();
            sql.execute("insert into qualification (id, lead_id, status, create_account, create_contact, create_opportunity,"
                    + " existing_account_id, opportunity_currency, duplicate_policy, duplicates, failure_reason, requested_by,"
                    + " started_at, deadline, finished_at, version) values ('" + attempt + "', '" + withAttempt + "',"
                    + " 'DUPLICATES_FOUND', true, false, true, '" + UUID.randomUUID() + "', 'EUR', 'REPORT',"
                    + " '{\"accounts\": [{\"id\": \"" + UUID.randomUUID() + "\", \"name\": \"Rossi\", \"matchedOn\": \"name\"}],"
                    + " \"contacts\": []}', null, 'alice', now(), now(), now(), 1)");
            sql.execute("update lead set qualification_id = '" + attempt + "' where id = '" + withAttempt + "'");
        }

        ObjectMapper json = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode items = json.readTree(ALICE.call().queryParams(Map.of("q", m, "view", "all", "sort", "lastName"))
                .get("/api/leads").then().statusCode(200).extract().asString()).get("items");
        Map<String, JsonNode> listed = new HashMap<>();
        items.forEach(item -> listed.put(item.get("id").asText(), item));
        assertEquals(Set.of(full, minimal, ownReason, withAttempt), listed.keySet());
        for (String id : listed.keySet()) {
            JsonNode own = json.readTree(ALICE.call().get("/api/leads/" + id).then().statusCode(200).extract().asString());
            assertEquals(own, listed.get(id), "lead " + id);
        }
        assertEquals("Budget cut " + m, listed.get(ownReason).get("statusReasonLabel").asText());
        assertEquals("Rossi", listed.get(withAttempt).at("/qualification/duplicates/accounts/0/name").asText());
        assertEquals("Milano", listed.get(full).at("/address/city").asText());
        assertFalse(listed.get(minimal).path("address").isObject(), "a lead without an address shows none");
    }
}
