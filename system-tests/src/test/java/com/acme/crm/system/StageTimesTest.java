package com.acme.crm.system;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageTimesTest {

    /** Lines as Micrometer's Prometheus registry writes them (shortened from a real /q/metrics). */
    private static final String ACCOUNT_SERVICE = """
            crm_consumer_batch_seconds_count{channel="account-commands",topic="crm.internal.account-commands"} 900.0
            crm_consumer_batch_seconds_sum{channel="account-commands",topic="crm.internal.account-commands"} 9.0
            crm_consumer_batch_seconds_count{channel="account-commands-interactive",topic="crm.internal.account-commands.interactive"} 10.0
            crm_consumer_batch_seconds_sum{channel="account-commands-interactive",topic="crm.internal.account-commands.interactive"} 0.2
            """;
    private static final String LEAD_SERVICE = """
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/api/leads/{id}/qualify"} 10.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/api/leads/{id}/qualify"} 1.5
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="202",uri="/api/leads/qualify-jobs"} 1.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="202",uri="/api/leads/qualify-jobs"} 0.1
            """;

    /** What lead-service's bulk reply consumer received during a fresh stack's first call (a real report's line, 15:50). */
    private static final String LEAD_SERVICE_FIRST_CALL = """
            crm_consumer_delivery_seconds_count{channel="qualification-replies",topic="crm.internal.qualification-replies"} 2.0
            crm_consumer_delivery_seconds_sum{channel="qualification-replies",topic="crm.internal.qualification-replies"} 4.1642
            crm_consumer_delivery_seconds_count{channel="qualification-replies-interactive",topic="crm.internal.qualification-replies.interactive"} 2.0
            crm_consumer_delivery_seconds_sum{channel="qualification-replies-interactive",topic="crm.internal.qualification-replies.interactive"} 0.0446
            crm_consumer_delivery_seconds_count{channel="account-events",topic="crm.account.events"} 1.0
            crm_consumer_delivery_seconds_sum{channel="account-events",topic="crm.account.events"} 0.0795
            http_server_requests_seconds_count{method="POST",outcome="SUCCESS",status="200",uri="/api/leads/{id}/qualify"} 1.0
            http_server_requests_seconds_sum{method="POST",outcome="SUCCESS",status="200",uri="/api/leads/{id}/qualify"} 0.4899
            """;

    @Test
    void aSingleCallLeavesOutTheBulkLanesSagaTopics_notThePublicEvents() {
        Map<StageTimes.Key, StageTimes.Sample> samples = new HashMap<>();
        StageTimes.parse("lead-service", LEAD_SERVICE_FIRST_CALL, samples);

        StageTimes single = new StageTimes(samples).withoutBulkLane();

        assertEquals(44.6, single.sagaMillisPerQualification(StageTimes.DELIVERY), 1e-9);
        assertTrue(single.samples().containsKey(new StageTimes.Key("lead-service", StageTimes.DELIVERY, "crm.account.events")));
        assertEquals(3, single.samples().size());
    }

    @Test
    void theInteractiveLaneKeepsItsOwnTopicsAndTheQualifyCallsOnly() {
        Map<StageTimes.Key, StageTimes.Sample> samples = new HashMap<>();
        StageTimes.parse("account-service", ACCOUNT_SERVICE, samples);
        StageTimes.parse("lead-service", LEAD_SERVICE, samples);

        StageTimes interactive = new StageTimes(samples).interactiveLaneOnly();

        assertEquals(Map.of(
                new StageTimes.Key("account-service", StageTimes.BATCH, "crm.internal.account-commands.interactive"),
                new StageTimes.Sample(10, 0.2),
                new StageTimes.Key("lead-service", StageTimes.QUALIFY, ""), new StageTimes.Sample(10, 1.5)),
                interactive.samples());
        assertEquals(10, interactive.qualifications());
        // 0.2 s of batches over 10 qualifications: 20 ms each, the bulk lane's 9 s left out
        assertEquals(20.0, interactive.sagaMillisPerQualification(StageTimes.BATCH), 1e-9);
        assertTrue(interactive.lines("").get(0).contains("mean 150.0 ms"), interactive.lines("").get(0));
    }
}
