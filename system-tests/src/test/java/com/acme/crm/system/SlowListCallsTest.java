package com.acme.crm.system;

import com.acme.crm.testinfra.LeadListLatencies.Call;
import com.acme.crm.testinfra.LeadListLatencies.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowListCallsTest {

    private static final Shape SHAPE = new Shape("alice", "salesperson", null, "my-open", "-createdAt", null);
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    private static final Call FAST = new Call(SHAPE, false, "fast", T0, 6);
    private static final Call SLOW = new Call(SHAPE, true, "slow", T0.plusMillis(100), 25);
    private static final Call SLOWEST = new Call(SHAPE, false, "slowest", T0.plusMillis(200), 30);
    private static final Map<String, NginxAccessLog.Times> NGINX = Map.of(
            "fast", new NginxAccessLog.Times(200, 5, 5),
            "slow", new NginxAccessLog.Times(200, 21, 20),
            "slowest", new NginxAccessLog.Times(200, 12, 10));

    @Test
    void theSlowCallsTimeIsSplitIntoServiceNginxAndClientSide() {
        List<String> lines = new SlowListCalls(List.of(FAST, SLOW, SLOWEST), NGINX, Map.of()).lines(20, 10);

        assertEquals("calls over 20 ms: 2 of 3 timed calls; where their time went (nginx's access log, joined by each call's X-Request-Id):",
                lines.get(0));
        // 55 ms at the client: 30 in the service, 3 in nginx (21 - 20, 12 - 10), 22 before and after nginx
        assertEquals("  theirs in all: client 55.0 ms = service 30.0 (55 %) + nginx 3.0 (5 %) + client side 22.0 (40 %)", lines.get(1));
        assertEquals("  every timed call, mean: client 20.3 ms = service 11.7 (57 %) + nginx 1.0 (5 %) + client side 7.7 (38 %)",
                lines.get(2));
        // the slowest spent 18 of its 30 ms on the client's side, the other 20 of 25 in the service
        assertEquals("  the largest part of each: service 1, nginx 0, client side 1", lines.get(3));
        assertTrue(lines.get(7).startsWith("       30.0         10        2           18.0  -"), lines.get(7));
        assertTrue(lines.get(7).endsWith("alice, my-open, -createdAt (slowest)"), lines.get(7));
        assertTrue(lines.get(8).startsWith("       25.0         20        1            4.0  -"), lines.get(8));
        assertTrue(lines.get(8).endsWith("alice, my-open, -createdAt, next page (slow)"), lines.get(8));
        // when each was sent, to the millisecond (UTC), to find it in the services' logs and recordings
        assertTrue(lines.get(7).contains("  09:00:00.200  alice"), lines.get(7));
        assertTrue(lines.get(8).contains("  09:00:00.100  alice"), lines.get(8));
        assertEquals(9, lines.size());
    }

    @Test
    void aPauseDuringASlowCallIsNamedWithItsProcess() {
        Map<String, List<GcPauses.Pause>> pauses = new LinkedHashMap<>();
        // ends 10 ms into the slowest call; the other pause ends before any call
        pauses.put("lead-service", List.of(new GcPauses.Pause(T0.plusMillis(210), "Young", 12),
                new GcPauses.Pause(T0.minusSeconds(1), "Young", 40)));
        pauses.put(GcPauses.OWN, List.of());

        List<String> lines = new SlowListCalls(List.of(FAST, SLOW, SLOWEST), NGINX, pauses).lines(20, 10);

        assertEquals("  1 of the 2 overlapped a garbage-collection pause: lead-service 1, benchmark JVM 0", lines.get(4));
        assertTrue(lines.get(7).contains("lead-service 12.0 (Young)"), lines.get(7));
        assertTrue(lines.get(8).contains("  -  "), "the other slow call met no pause: " + lines.get(8));
    }

    @Test
    void theTableHasTheSlowestFirstAndNoMoreThanAsked() {
        List<String> lines = new SlowListCalls(List.of(FAST, SLOW, SLOWEST), NGINX, Map.of()).lines(20, 1);

        assertEquals("  the slowest 1:", lines.get(5));
        assertTrue(lines.get(7).contains("(slowest)"), lines.get(7));
        assertEquals(8, lines.size());
    }

    @Test
    void throughTheJavaGatewayOnlyTheClientsTimeIsKnown() {
        List<String> lines = new SlowListCalls(List.of(FAST, SLOW, SLOWEST), Map.of(), Map.of()).lines(20, 10);

        assertTrue(lines.get(0).contains("cannot be told apart"), lines.get(0));
        assertEquals("  0 of the 2 overlapped a garbage-collection pause", lines.get(1));
        assertTrue(lines.get(4).startsWith("       30.0  -"), lines.get(4));
    }

    @Test
    void everyCallIsWrittenWithItsTimeInTheServicesLife(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("list-calls.csv");

        new SlowListCalls(List.of(FAST, SLOW), Map.of("fast", NGINX.get("fast")), Map.of()).write(file, T0.minusSeconds(300));

        List<String> rows = Files.readAllLines(file);
        assertEquals("sent_utc,service_uptime_s,client_ms,service_ms,shape,next_page,request_id", rows.get(0));
        // in the order made; the service's own time only where nginx logged the call
        assertEquals("2026-11-27T09:00:00Z,300.000,6.00,5,\"alice, my-open, -createdAt\",false,fast", rows.get(1));
        assertEquals("2026-11-27T09:00:00.100Z,300.100,25.00,,\"alice, my-open, -createdAt\",true,slow", rows.get(2));
        assertEquals(3, rows.size());
    }

    @Test
    void noCallOverTheThresholdIsSaidSo() {
        assertEquals(List.of("calls over 20 ms: none of 1"), new SlowListCalls(List.of(FAST), NGINX, Map.of()).lines(20, 10));
    }
}
