package com.acme.crm.account;

import com.acme.crm.account.support.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every account and contact endpoint, for every role: always a 4xx problem+json
 * (never a 5xx), naming the field where there is one, and nothing stored or changed.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AccountBadInputTest {

    private static final String JSON = "application/json";
    private static final String NUL = "\u0000";
    private static final List<String> ROLES = List.of("salesperson", "sales-manager", "admin");
    private static String account;
    private static String contact;

    /** One bad request: where it goes, what it sends, and the answer expected from a role that may write. */
    record Case(String name, String method, String path, String contentType, String body, int status, String field) {
        boolean writes() {
            return !method.equals("GET");
        }
    }

    private static void records() {
        if (account == null) {
            String manager = TestTokens.token("carol", "sales-manager");
            account = given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("name", "Target " + UUID.randomUUID()))
                    .post("/api/accounts").then().statusCode(201).extract().path("id");
            contact = given().auth().oauth2(manager).contentType(ContentType.JSON)
                    .body(Map.of("lastName", "Target", "accountId", account)).post("/api/contacts").then().statusCode(201).extract().path("id");
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (String kind : List.of("accounts", "contacts")) {
            String create = "/api/" + kind;
            String patch = "{" + kind + "}";
            String required = kind.equals("accounts") ? "name" : "lastName";
            cases.add(new Case(kind + ": malformed JSON", "POST", create, JSON, "{\"" + required + "\": \"x\",", 400, null));
            cases.add(new Case(kind + ": array body", "POST", create, JSON, "[1, 2]", 400, null));
            cases.add(new Case(kind + ": string body", "POST", create, JSON, "\"x\"", 400, null));
            cases.add(new Case(kind + ": empty body", "POST", create, JSON, "", 400, null));
            cases.add(new Case(kind + ": text/plain", "POST", create, "text/plain", required + "=x", 415, null));
            cases.add(new Case(kind + ": missing " + required, "POST", create, JSON, "{}", 400, required));
            cases.add(new Case(kind + ": blank " + required, "POST", create, JSON, body(Map.of(required, "  ")), 400, required));
            cases.add(new Case(kind + ": number for text", "POST", create, JSON, body(Map.of(required, 42)), 400, required));
            cases.add(new Case(kind + ": boolean for text", "POST", create, JSON, body(Map.of(required, true)), 400, required));
            cases.add(new Case(kind + ": object for text", "POST", create, JSON, body(Map.of(required, Map.of("a", 1))), 400, required));
            cases.add(new Case(kind + ": unknown field", "POST", create, JSON, body(Map.of(required, "x", "colour", "red")), 400, "colour"));
            for (String system : List.of("id", "ownerId", "originatingLeadId", "createdAt", "createdBy", "modifiedAt", "version")) {
                cases.add(new Case(kind + ": system field " + system, "POST", create, JSON, body(Map.of(required, "x", system, "x")), 400, system));
            }
            cases.add(new Case(kind + ": NUL in " + required, "POST", create, JSON, body(Map.of(required, "a" + NUL + "b")), 400, required));
            cases.add(new Case(kind + ": huge body", "POST", create, JSON, body(Map.of(required, "x".repeat(2_000_000))), 413, null));
            cases.add(new Case(kind + ": patch malformed", "PATCH", patch, JSON, "{", 400, null));
            cases.add(new Case(kind + ": patch number", "PATCH", patch, JSON, "{\"" + required + "\": 7}", 400, required));
            cases.add(new Case(kind + ": patch unknown field", "PATCH", patch, JSON, "{\"colour\": \"red\"}", 400, "colour"));
            cases.add(new Case(kind + ": patch blank " + required, "PATCH", patch, JSON, "{\"" + required + "\": \" \"}", 400, required));
            cases.add(new Case(kind + ": patch NUL", "PATCH", patch, JSON, "{\"" + required + "\": \"x\\u0000\"}", 400, required));
            cases.add(new Case(kind + ": patch unknown id", "PATCH", create + "/" + UUID.randomUUID(), JSON, "{}", 404, null));
            cases.add(new Case(kind + ": patch invalid id", "PATCH", create + "/nope", JSON, "{}", 404, null));
            cases.add(new Case(kind + ": get invalid id", "GET", create + "/123", JSON, null, 404, null));
            cases.add(new Case(kind + ": get NUL id", "GET", create + "/%00", JSON, null, 400, "path"));
            cases.add(new Case(kind + ": bad originatingLeadId", "GET", create + "?originatingLeadId=lead-1", JSON, null, 400, "originatingLeadId"));
            cases.add(new Case(kind + ": short uuid filter", "GET", create + "?originatingLeadId=1-2-3-4-5", JSON, null, 400, "originatingLeadId"));
            for (String limit : List.of("0", "201", "-1", "abc", "1.5")) {
                cases.add(new Case(kind + ": limit " + limit, "GET", create + "?limit=" + limit, JSON, null, 400, "limit"));
            }
            cases.add(new Case(kind + ": bad cursor", "GET", create + "?cursor=garbage", JSON, null, 400, "cursor"));
            cases.add(new Case(kind + ": NUL in q", "GET", create + "?q=a%00b", JSON, null, 400, "q"));
        }
        Map<String, Integer> accountLimits = Map.of("name", 250, "website", 500, "industry", 100, "phone", 50, "street", 200,
                "city", 100, "stateOrProvince", 100, "postalCode", 20, "country", 100);
        accountLimits.forEach((field, max) -> {
            Map<String, Object> input = new HashMap<>(Map.of("name", "x"));
            input.put(field, "y".repeat(max + 1));
            cases.add(new Case("accounts: long " + field, "POST", "/api/accounts", JSON, body(input), 400, field));
            cases.add(new Case("accounts: patch long " + field, "PATCH", "{accounts}", JSON, body(Map.of(field, "y".repeat(max + 1))), 400, field));
            Map<String, Object> withNul = new HashMap<>(Map.of("name", "x"));
            withNul.put(field, "y" + NUL);
            cases.add(new Case("accounts: NUL in " + field, "POST", "/api/accounts", JSON, body(withNul), 400, field));
        });
        Map<String, Integer> contactLimits = Map.of("firstName", 100, "lastName", 100, "jobTitle", 100, "businessPhone", 50,
                "mobilePhone", 50);
        contactLimits.forEach((field, max) -> {
            Map<String, Object> input = new HashMap<>(Map.of("lastName", "x"));
            input.put(field, "y".repeat(max + 1));
            cases.add(new Case("contacts: long " + field, "POST", "/api/contacts", JSON, body(input), 400, field));
            cases.add(new Case("contacts: patch long " + field, "PATCH", "{contacts}", JSON, body(Map.of(field, "y".repeat(max + 1))), 400, field));
        });
        cases.add(new Case("contacts: long email", "POST", "/api/contacts", JSON,
                body(Map.of("lastName", "x", "email", "e".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + ".com")), 400, "email"));
        cases.add(new Case("contacts: bad email", "POST", "/api/contacts", JSON, body(Map.of("lastName", "x", "email", "not-an-email")), 400, "email"));
        cases.add(new Case("contacts: bad accountId", "POST", "/api/contacts", JSON, body(Map.of("lastName", "x", "accountId", "acct-1")), 400, "accountId"));
        cases.add(new Case("contacts: number accountId", "POST", "/api/contacts", JSON, body(Map.of("lastName", "x", "accountId", 5)), 400, "accountId"));
        cases.add(new Case("contacts: unknown accountId", "POST", "/api/contacts", JSON,
                body(Map.of("lastName", "x", "accountId", UUID.randomUUID().toString())), 400, "accountId"));
        cases.add(new Case("contacts: patch unknown accountId", "PATCH", "{contacts}", JSON,
                body(Map.of("accountId", UUID.randomUUID().toString())), 400, "accountId"));
        cases.add(new Case("contacts: NUL in email filter", "GET", "/api/contacts?email=%00", JSON, null, 400, "email"));
        cases.add(new Case("accounts: NUL in name filter", "GET", "/api/accounts?name=x%00", JSON, null, 400, "name"));
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : cases) {
            for (String role : ROLES) {
                arguments.add(Arguments.of(c.name() + " as " + role, c, role));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isA4xxProblemAndStoresNothing(String name, Case c, String role) {
        records();
        String path = c.path().replace("{accounts}", "/api/accounts/" + account).replace("{contacts}", "/api/contacts/" + contact);
        String before = footprint();

        RequestSpecification request = given().header("Authorization", TestTokens.bearer("user-" + role, role))
                .contentType(c.contentType()).urlEncodingEnabled(false);
        if (c.body() != null) {
            request.body(c.body());
        }
        Response answer = request.request(c.method(), path);

        int status = answer.statusCode();
        assertTrue(status >= 400 && status < 500, name + " answered " + status + ": " + answer.asString());
        assertEquals("application/problem+json", answer.contentType().split(";")[0], name + " content type");
        if (c.writes() && role.equals("salesperson") && status == 403) {
            // salespeople may not write: refused before the input is looked at
        } else {
            assertEquals(c.status(), status, name + ": " + answer.asString());
            if (c.field() != null) {
                answer.then().body("violations.field", hasItem(c.field()));
            }
        }
        assertEquals(before, footprint(), name + " stored or changed something");
    }

    @Test
    void namesWhoseNormalisedFormGrowsManyFold_areStored() {
        String manager = TestTokens.token("carol", "sales-manager");
        for (String name : List.of("a&".repeat(100), "ﷺ".repeat(250), "&".repeat(250), "😀".repeat(125))) {
            String id = given().auth().oauth2(manager).contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/accounts").then().statusCode(201).extract().path("id");
            given().auth().oauth2(manager).queryParam("name", name).get("/api/accounts")
                    .then().statusCode(200).body("items.id", hasItem(id));
        }
        String host = ("h".repeat(60) + ".").repeat(6) + "example";
        given().auth().oauth2(manager).contentType(ContentType.JSON)
                .body(Map.of("name", "Long Host", "website", "https://" + host + "/" + "p".repeat(500 - 9 - host.length())))
                .post("/api/accounts").then().statusCode(201).body("website.length()", equalTo(500));
    }

    /** Every row of both tables and the links, in one look. */
    private static String footprint() {
        return Db.text("select (select count(*) from account) || ' accounts, ' || (select count(*) from contact) || ' contacts, '"
                + " || (select count(*) from record_link) || ' links, account ' || (select md5(a::text) from account a where id = '" + account + "')"
                + " || ', contact ' || (select md5(c::text) from contact c where id = '" + contact + "')");
    }

    private static String body(Map<String, ?> fields) {
        try {
            return new ObjectMapper().writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
