package com.acme.crm.system;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nginx's times of each call, read from the access log deploy/nginx/nginx.conf writes (its {@code gateway} format):
 * {@code ... 200 5120 0.012 s upstream=127.0.0.1:8081 connect=0.000 header=0.011 response=0.011 req=<X-Request-Id>}.
 */
final class NginxAccessLog {

    // after the quoted request: status, bytes, $request_time, then the upstream fields, which may hold "-" (nginx
    // answered itself) or several values ("0.001, 0.004", "0.002 : -") when more than one upstream was asked
    private static final Pattern LINE = Pattern.compile(
            "\" (\\d{3}) \\d+ (\\d+\\.\\d+) s upstream=.* connect=.* header=.* response=(.*) req=(\\S+)$");
    private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d+");

    /**
     * One call as nginx saw it, in milliseconds (nginx's clock has a resolution of 1 ms): {@code request} from reading
     * the request's first byte to sending the answer's last; {@code response} from asking the service to its whole
     * answer received (NaN when no service was asked). The log's connect and header times are for operators.
     */
    record Times(int status, double request, double response) {

        /**
         * nginx's own part: the request's time not spent waiting for the service. The two times come from different
         * clocks (the response's ticks every few milliseconds), so a response may read a little over the request:
         * nginx's part is then 0, not negative.
         */
        double gateway() {
            return Double.isNaN(response) ? request : Math.max(0, request - response);
        }
    }

    private NginxAccessLog() {
    }

    /** Every line of the log in the {@code gateway} format, by its request id (a later line wins). */
    static Map<String, Times> byRequestId(String log) {
        Map<String, Times> times = new HashMap<>();
        for (String line : log.split("\n")) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                times.put(matcher.group(4), new Times(Integer.parseInt(matcher.group(1)),
                        Double.parseDouble(matcher.group(2)) * 1000, millis(matcher.group(3))));
            }
        }
        return times;
    }

    /** The sum of the values of an upstream field in ms, NaN when it holds none. */
    private static double millis(String field) {
        Matcher value = SECONDS.matcher(field);
        double seconds = 0;
        boolean any = false;
        while (value.find()) {
            seconds += Double.parseDouble(value.group());
            any = true;
        }
        return any ? seconds * 1000 : Double.NaN;
    }
}
