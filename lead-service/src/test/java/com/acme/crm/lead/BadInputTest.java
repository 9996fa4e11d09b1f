package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.acme.crm.lead.support.Api.ALICE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every endpoint that takes input: always a 4xx problem+json (never a 5xx), naming
 * the field where there is one, and nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class BadInputTest {

    private static final String JSON = "application/json";
    private static String openLead;

    /** One bad request: where it goes, what it sends, and the answer expected. */
    record Case(String name, String method, String path, String contentType, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static String lead() {
        if (openLead == null) {
            openLead = ALICE.createLead(Api.minimalLead(Map.of("email", Api.uniqueEmail())));
        }
        return openLead;
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        String create = "/api/leads";
        String patch = "{lead}";
        cases.add(new Case("malformed JSON", "POST", create, JSON, "{\"topic\": \"x\",", 400, null));
        cases.add(new Case("array body", "POST", create, JSON, "[1, 2]", 400, null));
        cases.add(new Case("string body", "POST", create, JSON, "\"lead\"", 400, null));
        cases.add(new Case("empty body", "POST", create, JSON, "", 400, null));
        cases.add(new Case("text/plain body", "POST", create, "text/plain", "topic=x", 415, null));
        cases.add(new Case("missing topic", "POST", create, JSON, "{\"lastName\": \"R\"}", 400, "topic"));
        cases.add(new Case("blank last name", "POST", create, JSON, body(Map.of("lastName", "  ")), 400, "lastName"));
        cases.add(new Case("number for text", "POST", create, JSON, body(Map.of("topic", 42)), 400, "topic"));
        cases.add(new Case("object for text", "POST", create, JSON, body(Map.of("lastName", Map.of("a", 1))), 400, "lastName"));
        cases.add(new Case("text for boolean", "POST", create, JSON, body(Map.of("decisionMaker", "maybe")), 400, "decisionMaker"));
        cases.add(new Case("text for number", "POST", create, JSON, body(Map.of("budgetAmount", "lots")), 400, "budgetAmount"));
        cases.add(new Case("text for address", "POST", create, JSON, body(Map.of("address", "Via Roma")), 400, "address"));
        cases.add(new Case("bad uuid", "POST", create, JSON, body(Map.of("existingAccountId", "acct-1")), 400, "existingAccountId"));
        cases.add(new Case("enum ordinal", "POST", create, JSON, body(Map.of("leadSource", 3)), 400, "leadSource"));
        for (String field : List.of("leadSource", "preferredContactMethod", "purchaseTimeframe", "purchaseProcess")) {
            cases.add(new Case("unknown " + field, "POST", create, JSON, body(Map.of(field, "TELEPATHY")), 400, field));
        }
        cases.add(new Case("unknown field", "POST", create, JSON, body(Map.of("colour", "red")), 400, "colour"));
        cases.add(new Case("unknown address field", "POST", create, JSON,
                body(Map.of("address", Map.of("planet", "Mars"))), 400, "address.planet"));
        for (String field : List.of("id", "state", "statusReason", "version", "createdAt", "createdBy", "modifiedAt",
                "modifiedBy", "closedAt", "qualification", "accountId", "contactId", "opportunityId")) {
            cases.add(new Case("system field " + field, "POST", create, JSON, body(Map.of(field, "x")), 400, field));
            cases.add(new Case("system field " + field + " in patch", "PATCH", patch, JSON, "{\"" + field + "\": null}", 400, field));
        }
        cases.add(new Case("long topic", "POST", create, JSON, body(Map.of("topic", "t".repeat(201))), 400, "topic"));
        cases.add(new Case("long last name", "POST", create, JSON, body(Map.of("lastName", "l".repeat(101))), 400, "lastName"));
        cases.add(new Case("long description", "POST", create, JSON, body(Map.of("description", "d".repeat(10_001))), 400, "description"));
        cases.add(new Case("long city", "POST", create, JSON, body(Map.of("address", Map.of("city", "c".repeat(101)))), 400, "address.city"));
        cases.add(new Case("long email", "POST", create, JSON, body(Map.of("email", "e".repeat(250) + "@x.example")), 400, "email"));
        cases.add(new Case("bad email", "POST", create, JSON, body(Map.of("email", "not-an-email")), 400, "email"));
        cases.add(new Case("negative budget", "POST", create, JSON, body(Map.of("budgetAmount", -0.01)), 400, "budgetAmount"));
        cases.add(new Case("budget in tenths of cents", "POST", create, JSON, body(Map.of("budgetAmount", 1.234)), 400, "budgetAmount"));
        for (String currency : List.of("EURO", "eur", "XYZ", "")) {
            cases.add(new Case("currency '" + currency + "'", "POST", create, JSON, body(Map.of("currency", currency)), 400, "currency"));
        }
        cases.add(new Case("owner with spaces", "POST", create, JSON, body(Map.of("ownerId", "a b")), 400, "ownerId"));
        cases.add(new Case("huge body", "POST", create, JSON, body(Map.of("description", "d".repeat(2_000_000))), 413, null));
        cases.add(new Case("bad suppress flag", "POST", create + "?suppressDuplicateDetection=maybe", JSON,
                body(Map.of()), 400, "suppressDuplicateDetection"));

        cases.add(new Case("patch malformed", "PATCH", patch, JSON, "{", 400, null));
        cases.add(new Case("patch array", "PATCH", patch, "application/merge-patch+json", "[]", 400, null));
        cases.add(new Case("patch number for text", "PATCH", patch, JSON, "{\"jobTitle\": 7}", 400, "jobTitle"));
        cases.add(new Case("patch unknown enum", "PATCH", patch, JSON, "{\"leadSource\": \"TV\"}", 400, "leadSource"));
        cases.add(new Case("patch unknown field", "PATCH", patch, JSON, "{\"colour\": \"red\"}", 400, "colour"));
        cases.add(new Case("patch long topic", "PATCH", patch, JSON, "{\"topic\": \"" + "t".repeat(201) + "\"}", 400, "topic"));
        cases.add(new Case("patch negative budget", "PATCH", patch, JSON, "{\"budgetAmount\": -5}", 400, "budgetAmount"));
        cases.add(new Case("patch bad currency", "PATCH", patch, JSON, "{\"currency\": \"ABC\"}", 400, "currency"));
        cases.add(new Case("patch clears topic", "PATCH", patch, JSON, "{\"topic\": null}", 400, "topic"));
        cases.add(new Case("patch huge", "PATCH", patch, JSON, "{\"description\": \"" + "d".repeat(2_000_000) + "\"}", 413, null));
        cases.add(new Case("patch text/plain", "PATCH", patch, "text/plain", "jobTitle=CEO", 415, null));

        String notes = "{lead}/notes";
        cases.add(new Case("note malformed", "POST", notes, JSON, "{\"text\":", 400, null));
        cases.add(new Case("note number", "POST", notes, JSON, "{\"text\": 5}", 400, "text"));
        cases.add(new Case("note unknown field", "POST", notes, JSON, "{\"text\": \"a\", \"pinned\": true}", 400, "pinned"));
        cases.add(new Case("note too long", "POST", notes, JSON, body(Map.of("text", "n".repeat(10_001)), false), 400, "text"));
        cases.add(new Case("note huge", "POST", notes, JSON, body(Map.of("text", "n".repeat(2_000_000)), false), 413, null));

        String disqualify = "{lead}/disqualify";
        cases.add(new Case("disqualify malformed", "POST", disqualify, JSON, "{", 400, null));
        cases.add(new Case("disqualify unknown reason", "POST", disqualify, JSON, "{\"reason\": \"BORED\"}", 400, "reason"));
        cases.add(new Case("disqualify open reason", "POST", disqualify, JSON, "{\"reason\": \"CONTACTED\"}", 400, "reason"));
        cases.add(new Case("disqualify note too long", "POST", disqualify, JSON,
                "{\"reason\": \"LOST\", \"note\": \"" + "n".repeat(10_001) + "\"}", 400, "note"));
        cases.add(new Case("disqualify wrong type", "POST", disqualify, JSON, "{\"reason\": [\"LOST\"]}", 400, "reason"));

        for (String path : List.of("/api/leads/not-a-uuid", "/api/leads/123/notes", "/api/leads/x/history",
                "/api/leads/%20/disqualify", "/api/leads/zz/reactivate")) {
            String method = path.endsWith("disqualify") || path.endsWith("reactivate") ? "POST" : "GET";
            cases.add(new Case("invalid id " + path, method, path, JSON, "{\"reason\": \"LOST\"}", 404, null));
        }
        cases.add(new Case("invalid id patch", "PATCH", "/api/leads/nope", JSON, "{}", 404, null));
        cases.add(new Case("invalid id delete", "DELETE", "/api/leads/nope", JSON, null, 404, null));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isA4xxProblemAndStoresNothing(Case c) {
        String path = c.path().replace("{lead}", "/api/leads/" + lead());
        String before = footprint();

        RequestSpecification request = given().header("Authorization", TestTokens.bearer("alice", "salesperson"))
                .contentType(c.contentType());
        if (c.body() != null) {
            request.body(c.body());
        }
        Response answer = request.request(c.method(), path);

        int status = answer.statusCode();
        assertTrue(status >= 400 && status < 500, c + " answered " + status + ": " + answer.asString());
        assertEquals(c.status(), status, c + ": " + answer.asString());
        assertEquals("application/problem+json", answer.contentType().split(";")[0], c + " content type");
        if (c.field() != null) {
            answer.then().body("violations.field", hasItem(c.field()));
        }
        assertEquals(before, footprint(), c + " stored or changed something");
    }

    @Test
    void anOverLongIdempotencyKeyIsA400() {
        ALICE.call().header("Idempotency-Key", "k".repeat(201)).body(Api.minimalLead(Map.of())).post("/api/leads")
                .then().statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
    }

    /** The row counts of every table a lead request writes, and the target lead's version, in one look. */
    private static String footprint() {
        return Db.text("select (select count(*) from lead) || ' leads, ' || (select count(*) from lead_note) || ' notes, '"
                + " || (select count(*) from lead_history) || ' history entries, ' || (select count(*) from lead_create_request)"
                + " || ' idempotency keys, version ' || (select version from lead where id = '" + lead() + "')");
    }

    /** A valid create body with {@code extra} replacing or adding fields. */
    private static String body(Map<String, ?> extra) {
        return body(extra, true);
    }

    private static String body(Map<String, ?> extra, boolean asLead) {
        Map<String, Object> body = asLead ? Api.minimalLead(extra) : new HashMap<>(extra);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
