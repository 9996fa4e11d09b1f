package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceDefinition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the time of the qualifications between two readings went: the services' stage timers (service-common
 * {@code MessageStages}: outbox wait and send per topic on the sending side, delivery and batch per topic on the
 * receiving side) and lead-service's HTTP server timer of {@code POST /api/leads/{id}/qualify}, read from each service's
 * {@code /q/metrics} (Prometheus text) before and after, and printed as means per message.
 */
record StageTimes(Map<Key, Sample> samples) {

    static final String OUTBOX_WAIT = "crm_outbox_wait";
    static final String OUTBOX_SEND = "crm_outbox_send";
    static final String DELIVERY = "crm_consumer_delivery";
    static final String BATCH = "crm_consumer_batch";
    static final String QUALIFY = "qualify";
    private static final String QUALIFY_URI = "/api/leads/{id}/qualify";
    private static final String INTERNAL = "crm.internal.";

    // the tags greedily: a tag's value may hold braces (uri="/api/leads/{id}/qualify")
    private static final Pattern LINE = Pattern.compile(
            "^(crm_outbox_wait|crm_outbox_send|crm_consumer_delivery|crm_consumer_batch|http_server_requests)_seconds_(count|sum)\\{(.*)} (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern TAG = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One timer of one service: which stage, and the topic it is tagged with (empty for the HTTP timer). */
    record Key(String service, String stage, String topic) {
    }

    /** How many times a timer recorded, and how many seconds in all. */
    record Sample(double count, double seconds) {
        double meanMillis() {
            return count == 0 ? Double.NaN : seconds / count * 1000;
        }
    }

    /** The timers of every service of the stack now. */
    static StageTimes read(LocalStack stack) throws IOException, InterruptedException {
        Map<Key, Sample> samples = new HashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(stack.service(service.name()).baseUrl() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            parse(service.name(), HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body(), samples);
        }
        return new StageTimes(samples);
    }

    /** Adds the stage timers of one service's Prometheus text to {@code samples}. */
    static void parse(String service, String prometheus, Map<Key, Sample> samples) {
        Matcher line = LINE.matcher(prometheus);
        while (line.find()) {
            Map<String, String> tags = new HashMap<>();
            Matcher tag = TAG.matcher(line.group(3));
            while (tag.find()) {
                tags.put(tag.group(1), tag.group(2));
            }
            Key key;
            if (line.group(1).equals("http_server_requests")) {
                if (!QUALIFY_URI.equals(tags.get("uri")) || !"POST".equals(tags.get("method"))) {
                    continue;
                }
                key = new Key(service, QUALIFY, ""); // every status together
            } else {
                key = new Key(service, line.group(1), tags.getOrDefault("topic", "?"));
            }
            double value = Double.parseDouble(line.group(4));
            boolean count = line.group(2).equals("count");
            samples.merge(key, new Sample(count ? value : 0, count ? 0 : value),
                    (a, b) -> new Sample(a.count() + b.count(), a.seconds() + b.seconds()));
        }
    }

    /** What was recorded between {@code before} and this reading. */
    StageTimes since(StageTimes before) {
        Map<Key, Sample> delta = new HashMap<>();
        samples.forEach((key, now) -> {
            Sample then = before.samples().getOrDefault(key, new Sample(0, 0));
            if (now.count() > then.count()) {
                delta.put(key, new Sample(now.count() - then.count(), now.seconds() - then.seconds()));
            }
        });
        return new StageTimes(delta);
    }

    /**
     * Only the interactive lane's timers (topics ending in {@code .interactive}) and the HTTP timer: during a bulk job
     * the job's messages go on the bulk lane and its submission is another endpoint, so what is left is the
     * interactive calls' own path.
     */
    StageTimes interactiveLaneOnly() {
        return only(key -> key.stage().equals(QUALIFY) || key.topic().endsWith(".interactive"));
    }

    /**
     * Without the bulk lane's saga topics (the {@code crm.internal.*} topics not ending in {@code .interactive}): a
     * single call's messages go on the interactive lane, so what the bulk topics carry meanwhile is not the call's (on a
     * fresh stack, the other services' warm-up messages reaching lead-service's bulk consumer late, for one). The
     * public events stay: a single call's events are among them.
     */
    StageTimes withoutBulkLane() {
        return only(key -> !key.topic().startsWith(INTERNAL) || key.topic().endsWith(".interactive"));
    }

    private StageTimes only(Predicate<Key> keep) {
        Map<Key, Sample> kept = new HashMap<>();
        samples.forEach((key, sample) -> {
            if (keep.test(key)) {
                kept.put(key, sample);
            }
        });
        return new StageTimes(kept);
    }

    /** Lead-service's POST /qualify answers in this interval. */
    double qualifications() {
        return samples.entrySet().stream().filter(e -> e.getKey().stage().equals(QUALIFY))
                .mapToDouble(e -> e.getValue().count()).sum();
    }

    /**
     * Per qualification, the time spent in {@code stage} on the saga's own topics ({@code crm.internal.*}, not the
     * public events beside them), all messages of a qualification together.
     */
    double sagaMillisPerQualification(String stage) {
        double qualifications = qualifications();
        return samples.entrySet().stream()
                .filter(e -> e.getKey().stage().equals(stage) && e.getKey().topic().startsWith(INTERNAL))
                .mapToDouble(e -> e.getValue().seconds()).sum() / qualifications * 1000;
    }

    /** The report's lines: one per topic and receiving service, then the saga's path per qualification. */
    List<String> lines(String indent) {
        List<String> lines = new ArrayList<>();
        double qualifications = qualifications();
        Sample qualify = samples.entrySet().stream().filter(e -> e.getKey().stage().equals(QUALIFY))
                .map(Map.Entry::getValue).findFirst().orElse(new Sample(0, 0));
        lines.add(String.format("%sPOST /qualify in lead-service (server side, %s answers): mean %.1f ms", indent,
                count(qualify.count()), qualify.meanMillis()));
        lines.add(String.format("%s%-36s %-36s %11s %8s   %-20s %9s %8s", indent, "topic (means per message, ms)", "sender",
                "outbox wait", "send", "receiver", "delivery", "batch"));
        Map<String, String> senders = new TreeMap<>();
        Map<String, TreeSet<String>> receivers = new TreeMap<>();
        samples.keySet().forEach(key -> {
            if (key.stage().equals(OUTBOX_WAIT)) {
                senders.merge(key.topic(), key.service(), (a, b) -> a + "+" + b);
            } else if (key.stage().equals(DELIVERY)) {
                receivers.computeIfAbsent(key.topic(), topic -> new TreeSet<>()).add(key.service());
            }
        });
        TreeSet<String> topics = new TreeSet<>(senders.keySet());
        topics.addAll(receivers.keySet());
        for (String topic : topics) {
            String sender = senders.getOrDefault(topic, "-");
            for (String receiver : receivers.getOrDefault(topic, new TreeSet<>(List.of("-")))) {
                Sample wait = sum(sender, OUTBOX_WAIT, topic);
                lines.add(String.format("%s%-36s %-36s %11s %8s   %-20s %9s %8s   (%s sent, %s received)", indent, topic,
                        sender, millis(wait), millis(sum(sender, OUTBOX_SEND, topic)), receiver,
                        millis(sum(receiver, DELIVERY, topic)), millis(sum(receiver, BATCH, topic)),
                        count(wait.count()), count(sum(receiver, DELIVERY, topic).count())));
            }
        }
        if (qualifications > 0) {
            double wait = sagaMillisPerQualification(OUTBOX_WAIT);
            double delivery = sagaMillisPerQualification(DELIVERY);
            double batch = sagaMillisPerQualification(BATCH);
            lines.add(String.format("%sper qualification on the saga's topics (crm.internal.*): outbox wait %.1f + delivery %.1f"
                            + " + batch %.1f = %.1f ms of the server's %.1f ms; the rest, %.1f ms, is the HTTP request up to"
                            + " the start's commit and the wait signal after the last commit (the outbox wait overlaps"
                            + " the end of its writer's transaction, so this rest reads a little low)", indent, wait, delivery,
                    batch, wait + delivery + batch, qualify.meanMillis(), qualify.meanMillis() - wait - delivery - batch));
        }
        return lines;
    }

    private Sample sum(String service, String stage, String topic) {
        double count = 0;
        double seconds = 0;
        for (String one : service.split("\\+")) {
            Sample sample = samples.get(new Key(one, stage, topic));
            if (sample != null) {
                count += sample.count();
                seconds += sample.seconds();
            }
        }
        return new Sample(count, seconds);
    }

    private static String millis(Sample sample) {
        return sample.count() == 0 ? "-" : String.format("%.1f", sample.meanMillis());
    }

    private static String count(double count) {
        return String.format("%.0f", count);
    }
}
