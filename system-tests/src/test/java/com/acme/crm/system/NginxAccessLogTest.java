package com.acme.crm.system;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NginxAccessLogTest {

    @Test
    void readsEachCallsTimesByItsRequestId() {
        String log = """
                127.0.0.1 [27/Nov/2026:09:01:02 +0000] "GET /api/leads?view=my-open&sort=-createdAt&q=company+12345 HTTP/1.1" 200 10853 0.023 s upstream=127.0.0.1:40123 connect=0.000 header=0.021 response=0.022 req=list-1
                127.0.0.1 [27/Nov/2026:09:01:02 +0000] "GET /api/nothing-here HTTP/1.1" 404 93 0.000 s upstream=- connect=- header=- response=- req=5f0c2d1e9a8b7c6d5f0c2d1e9a8b7c6d
                """;

        Map<String, NginxAccessLog.Times> times = NginxAccessLog.byRequestId(log);

        NginxAccessLog.Times list = times.get("list-1");
        assertEquals(200, list.status());
        assertEquals(23, list.request(), 1e-9);
        assertEquals(22, list.response(), 1e-9);
        assertEquals(1, list.gateway(), 1e-9);
        NginxAccessLog.Times own = times.get("5f0c2d1e9a8b7c6d5f0c2d1e9a8b7c6d");
        assertEquals(404, own.status());
        assertTrue(Double.isNaN(own.response()), "nginx answered itself: no service time");
        assertEquals(0, own.gateway(), 1e-9);
    }

    @Test
    void aCallThatAskedTheServiceTwiceCountsBothTimes() {
        String log = "127.0.0.1 [27/Nov/2026:09:01:02 +0000] \"GET /api/leads HTTP/1.1\" 503 120 5.004 s "
                + "upstream=127.0.0.1:40123 : @unavailable connect=0.001 : - header=- : - response=5.001 : - req=r-2\n";

        NginxAccessLog.Times times = NginxAccessLog.byRequestId(log).get("r-2");

        assertEquals(5001, times.response(), 1e-6);
        assertEquals(3, times.gateway(), 1e-6);
    }

    @Test
    void linesOfAnotherFormatAreLeftOut() {
        assertEquals(Map.of(), NginxAccessLog.byRequestId("127.0.0.1 - - [27/Nov/2026:09:01:02 +0000] \"GET / HTTP/1.1\" 200 612\n"));
    }
}
