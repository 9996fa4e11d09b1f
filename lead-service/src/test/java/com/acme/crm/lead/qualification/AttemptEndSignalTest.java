package com.acme.crm.lead.qualification;

import com.acme.crm.testinfra.Db;
import com.acme.crm.testinfra.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.acme.crm.lead.qualification.QualificationFixtures.ALICE;
import static com.acme.crm.lead.qualification.QualificationFixtures.newLead;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Prefer: wait} is answered from the attempt's end signal, also when another replica ends
 * it: here a commit on another connection (as another replica's reply consumer makes) ends the
 * attempt, and a NOTIFY follows the commit. The tests' re-read interval (60 s) is far above the wait, so only the
 * signal can answer in time.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AttemptEndSignalTest {

    @Test
    void aWaitingCallIsAnsweredWhenAnotherReplicaEndsTheAttempt() throws Exception {
        String lead = newLead(ALICE);
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> given().auth().oauth2(ALICE)
                .contentType(ContentType.JSON).header("Prefer", "wait=30").body(Map.of())
                .post("/api/leads/" + lead + "/qualify"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Db.count("select count(*) from qualification where lead_id = '" + lead + "'") == 1);

        long endedAt = System.nanoTime();
        try (Connection otherReplica = Db.connect(); Statement sql = otherReplica.createStatement()) {
            otherReplica.setAutoCommit(false);
            sql.executeUpdate("update qualification set status = 'FAILED', failure_reason = 'ended elsewhere',"
                    + " finished_at = now() where lead_id = '" + lead + "'");
            otherReplica.commit();
            otherReplica.setAutoCommit(true);
            sql.execute("notify " + AttemptEnds.CHANNEL); // after its commit, as a replica signals (DatabaseSignals)
        }
        Response response = answer.get(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - endedAt) / 1e9;

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("FAILED", response.jsonPath().getString("status"));
        assertTrue(seconds < 15, "answered " + seconds + " s after the end: by the signal, not the 60 s re-read or the 30 s wait");
    }
}
