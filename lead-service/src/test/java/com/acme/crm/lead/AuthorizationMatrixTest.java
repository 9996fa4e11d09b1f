package com.acme.crm.lead;

import com.acme.crm.lead.support.Api;
import com.acme.crm.lead.support.Api.User;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static com.acme.crm.lead.support.Api.ALICE;
import static com.acme.crm.lead.support.Api.CAROL;
import static com.acme.crm.lead.support.Api.DAVE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SPEC §8: each role × each operation × own or someone else's lead. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuthorizationMatrixTest {

    private static final String SOMEONE_ELSE = "zed";
    private static final User GUEST = new User("gina", "guest");

    /** An operation on one lead, and the status it answers when allowed. */
    enum Operation {
        GET(200, (user, id) -> user.call().get("/api/leads/" + id)),
        PATCH(200, (user, id) -> user.call().body(Map.of("jobTitle", "CTO")).patch("/api/leads/" + id)),
        DELETE(204, (user, id) -> user.call().delete("/api/leads/" + id)),
        ADD_NOTE(201, (user, id) -> user.call().body(Map.of("text", "hello")).post("/api/leads/" + id + "/notes")),
        LIST_NOTES(200, (user, id) -> user.call().get("/api/leads/" + id + "/notes")),
        HISTORY(200, (user, id) -> user.call().get("/api/leads/" + id + "/history")),
        DISQUALIFY(200, (user, id) -> user.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify")),
        REACTIVATE(200, (user, id) -> user.call().post("/api/leads/" + id + "/reactivate"));

        final int allowed;
        final BiFunction<User, String, Response> call;

        Operation(int allowed, BiFunction<User, String, Response> call) {
            this.allowed = allowed;
            this.call = call;
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(ALICE, CAROL, DAVE).flatMap(user -> Stream.of(Operation.values()).flatMap(op ->
                Stream.of(Arguments.of(user, op, true), Arguments.of(user, op, false))));
    }

    @ParameterizedTest(name = "{0} {1} own={2}")
    @MethodSource("matrix")
    void salespeopleWorkOnlyTheirOwnLeadsManagersAndAdminsEveryLead(User user, Operation op, boolean own) {
        String id = CAROL.createLeadFor(own ? user.name() : SOMEONE_ELSE);
        if (op == Operation.REACTIVATE) {
            CAROL.call().body(Map.of("reason", "LOST")).post("/api/leads/" + id + "/disqualify").then().statusCode(200);
        }
        boolean allowed = own || !user.role().equals("salesperson");
        Response answer = op.call.apply(user, id);
        answer.then().statusCode(allowed ? op.allowed : 404);
        if (!allowed) {
            answer.then().contentType("application/problem+json");
            CAROL.call().get("/api/leads/" + id).then().statusCode(200); // untouched
        }
    }

    static Stream<Arguments> listMatrix() {
        return Stream.of(ALICE, CAROL, DAVE).flatMap(user -> Stream.of(Arguments.of(user, true), Arguments.of(user, false)));
    }

    @ParameterizedTest(name = "{0} list own={1}")
    @MethodSource("listMatrix")
    void listsShowASalespersonOnlyTheirOwnLeadsWhateverTheView(User user, boolean own) {
        String owner = own ? user.name() : SOMEONE_ELSE;
        String id = CAROL.createLeadFor(owner);
        boolean visible = own || !user.role().equals("salesperson");
        for (String view : List.of("open", "all")) {
            List<String> byOwner = user.call().queryParams(Map.of("view", view, "ownerId", owner, "limit", 200))
                    .get("/api/leads").then().statusCode(200).extract().path("items.id");
            assertEquals(visible, byOwner.contains(id), view + " filtered by owner");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void onlyManagersAndAdminsCreateLeadsForOthers(User user) {
        user.call().body(Api.minimalLead(Map.of("ownerId", SOMEONE_ELSE))).post("/api/leads")
                .then().statusCode(user.role().equals("salesperson") ? 403 : 201);
        user.call().body(Api.minimalLead(Map.of("ownerId", user.name()))).post("/api/leads").then().statusCode(201);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void onlyAdminsChangeTheSettings(User user) {
        user.call().get("/api/settings/lead-qualification").then().statusCode(200);
        user.call().body(Map.of("createRecordsByDefault", true)).put("/api/settings/lead-qualification")
                .then().statusCode(user.role().equals("admin") ? 200 : 403);
    }

    static Stream<User> users() {
        return Stream.of(ALICE, CAROL, DAVE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Operation.class)
    void aTokenWithoutACrmRoleIsForbiddenAndNoTokenIsUnauthorized(Operation op) {
        String id = CAROL.createLeadFor(GUEST.name());
        op.call.apply(GUEST, id).then().statusCode(403).contentType("application/problem+json");
        given().get("/api/leads/" + id).then().statusCode(401);
        GUEST.call().get("/api/leads").then().statusCode(403);
        GUEST.call().body(Api.minimalLead(Map.of())).post("/api/leads").then().statusCode(403);
    }
}
