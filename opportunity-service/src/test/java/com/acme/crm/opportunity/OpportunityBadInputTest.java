package com.acme.crm.opportunity;

import com.acme.crm.testinfra.RealInfrastructure;
import com.acme.crm.testinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on the opportunity API, for each role: always a 4xx problem+json naming the
 * parameter where there is one, never a 5xx. Unknown query parameters are ignored, as lead-service does.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class OpportunityBadInputTest {

    /** One request, the answer expected, and the parameter the problem must name (or null). */
    record Case(String name, String path, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        String list = "/api/opportunities";
        cases.add(new Case("account id not a uuid", list + "?accountId=acct-1", 400, "accountId"));
        cases.add(new Case("lead id not a uuid", list + "?originatingLeadId=123", 400, "originatingLeadId"));
        cases.add(new Case("lead id with a quote", list + "?originatingLeadId=%27%20or%201=1", 400, "originatingLeadId"));
        for (String limit : List.of("0", "201", "-1", "ten", "1.5", "99999999999")) {
            cases.add(new Case("limit " + limit, list + "?limit=" + limit, 400, "limit"));
        }
        for (String cursor : List.of("garbage", "%25%25%25", "bm90IGEgY3Vyc29y", "MjAyNi0wMS0wMVQwMDowMDowMFp8bm9wZQ")) {
            cases.add(new Case("cursor " + cursor, list + "?cursor=" + cursor, 400, "cursor"));
        }
        cases.add(new Case("unknown id", list + "/" + UUID.randomUUID(), 404, null));
        cases.add(new Case("id not a uuid", list + "/not-a-uuid", 404, null));
        cases.add(new Case("id a number", list + "/42", 404, null));
        cases.add(new Case("path below an id", list + "/" + UUID.randomUUID() + "/notes", 404, null));
        List<Arguments> all = new ArrayList<>();
        for (String role : List.of("salesperson", "sales-manager", "admin")) {
            cases.forEach(c -> all.add(Arguments.of(role, c)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void isA4xxProblem(String role, Case c) {
        Response answer = given().auth().oauth2(TestTokens.token("user-" + role, role)).get(c.path());

        int status = answer.statusCode();
        assertTrue(status >= 400 && status < 500, c + " answered " + status + ": " + answer.asString());
        assertEquals(c.status(), status, c + ": " + answer.asString());
        assertEquals("application/problem+json", answer.contentType().split(";")[0], c + " content type");
        if (c.field() != null) {
            answer.then().body("violations.field", hasItem(c.field()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roles")
    void unknownParametersAreIgnoredAndWithoutRightsItIsAProblemToo(String role) {
        given().auth().oauth2(TestTokens.token("user-" + role, role)).get("/api/opportunities?colour=red&limit=1")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.token("user-" + role, "guest")).get("/api/opportunities")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/opportunities/" + UUID.randomUUID()).then().statusCode(401);
    }

    static Stream<String> roles() {
        return Stream.of("salesperson", "sales-manager", "admin");
    }
}
