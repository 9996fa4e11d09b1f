package com.acme.crm.system;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the shipped nginx.conf is rewritten for a run on this machine (no nginx needed). */
class NginxGatewayTest {

    private static final Path CONF = Path.of("").toAbsolutePath().getParent().resolve("deploy/nginx/nginx.conf");
    private static final Map<String, Integer> UPSTREAMS = Map.of("lead-service", 1001, "account-service", 1002,
            "opportunity-service", 1003);

    @Test
    void theBenchmarksCopyAlsoDiffersInThePerClientRateAlone() throws IOException {
        List<String> original = Files.readAllLines(CONF);
        List<String> plain = NginxGateway.rewrite(original, 9999, UPSTREAMS);
        List<String> benchmark = NginxGateway.rewrite(original, 9999, UPSTREAMS, OptionalInt.of(100_000));

        assertEquals(plain.size(), benchmark.size());
        int changed = 0;
        for (int i = 0; i < plain.size(); i++) {
            if (!plain.get(i).equals(benchmark.get(i))) {
                changed++;
                assertEquals(plain.get(i).replace("rate=50r/s;", "rate=100000r/s;"), benchmark.get(i));
                assertTrue(plain.get(i).strip().startsWith("limit_req_zone "), plain.get(i));
            }
        }
        assertEquals(1, changed);
    }

    @Test
    void aConfWithoutARateToRaiseIsRefused() {
        List<String> withoutRate = List.of("server {", "    listen 8080;", "}", "upstream lead-service {",
                "    server lead-service:8081;", "}", "upstream account-service {", "    server account-service:8082;", "}",
                "upstream opportunity-service {", "    server opportunity-service:8083;", "}");

        NginxGateway.rewrite(withoutRate, 9999, UPSTREAMS); // nothing to raise, nothing asked
        assertThrows(AssertionFailedError.class, () -> NginxGateway.rewrite(withoutRate, 9999, UPSTREAMS, OptionalInt.of(100)));
    }
}
