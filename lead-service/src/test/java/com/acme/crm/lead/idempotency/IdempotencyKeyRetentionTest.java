package com.acme.crm.lead.idempotency;

import com.acme.crm.lead.support.Api;
import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.acme.crm.lead.support.Api.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IdempotencyKeyRetentionTest {

    @Inject
    IdempotentLeadCreation creation;

    @Test
    void theHourlyCleanUpForgetsOnlyKeysOlderThanTheRetention() throws Throwable {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        Map<String, Object> body = Api.minimalLead(Map.of("email", Api.uniqueEmail()));
        Response first = ALICE.call().header("Idempotency-Key", old).body(body).post("/api/leads");
        first.then().statusCode(201);
        ALICE.call().header("Idempotency-Key", fresh).body(Api.minimalLead(Map.of("email", Api.uniqueEmail())))
                .post("/api/leads").then().statusCode(201);
        // kept a day by default: this one is two days old, the other a few milliseconds
        Db.execute("update lead_create_request set created_at = now() - interval '2 days' where idempotency_key = '" + old + "'");

        VertxContextSupport.subscribeAndAwait(() -> creation.forgetOldKeys());

        assertEquals(0, Db.count("select count(*) from lead_create_request where idempotency_key = '" + old + "'"));
        assertEquals(1, Db.count("select count(*) from lead_create_request where idempotency_key = '" + fresh + "'"));
        // a retry with the forgotten key is a new request again: it creates another lead
        Response retried = ALICE.call().header("Idempotency-Key", old).body(body)
                .post("/api/leads?suppressDuplicateDetection=true");
        retried.then().statusCode(201);
        assertNotEquals(first.header("Location"), retried.header("Location"));
    }
}
