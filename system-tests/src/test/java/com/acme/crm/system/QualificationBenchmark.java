package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Prints how fast qualification is on this machine, next to the physical limit measured in the
 * same run: one Kafka hop (produce → consume, acks=all). A qualification with an opportunity
 * needs four hops (command, reply, command, reply) plus the database work of three services.
 * Not part of the suite (the class name does not end in Test); run it from the README:
 * {@code ./mvnw -q install -DskipTests && ./mvnw -pl system-tests test -Dtest=QualificationBenchmark}.
 * It asserts nothing about time; it measures and prints.
 */
class QualificationBenchmark {

    private static final int SINGLE = 100;
    private static final int BULK = 1_000;
    private static final int HOPS = 500;

    @Test
    void measure() throws Exception {
        LocalStack stack = RunningStack.get();
        RestAssured.baseURI = stack.gatewayUrl();

        List<Double> hop = kafkaHopMillis(stack.kafkaBootstrapServers());
        for (int i = 0; i < 10; i++) { // warm-up: JIT, connection pools, consumer assignments
            qualifyAndWait(stack, newLead(stack));
        }
        List<Double> single = new ArrayList<>();
        for (int i = 0; i < SINGLE; i++) {
            String lead = newLead(stack);
            long start = System.nanoTime();
            qualifyAndWait(stack, lead);
            single.add((System.nanoTime() - start) / 1e6);
        }
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < BULK; i++) {
            leads.add(newLead(stack));
        }
        Instant bulkStart = Instant.now();
        String location = as(stack).body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                "FINISHED".equals(as(stack).get(job + "?results=false").then().extract().path("status")));
        double bulkSeconds = Duration.between(bulkStart, Instant.now()).toMillis() / 1000.0;

        System.out.printf("%n=== qualification benchmark (%d cores) ===%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("physical limit: one Kafka hop (acks=all, %d samples)  p50 %.1f ms  p99 %.1f ms%n",
                HOPS, percentile(hop, 50), percentile(hop, 99));
        System.out.printf("single qualification through the gateway (Prefer: wait, %d runs)  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms"
                        + "  = %.1f × the four Kafka hops at p50%n",
                SINGLE, percentile(single, 50), percentile(single, 95), percentile(single, 99),
                percentile(single, 50) / (4 * percentile(hop, 50)));
        System.out.printf("bulk job of %d leads (window 50)  %.1f s  = %.0f qualifications/s%n%n",
                BULK, bulkSeconds, BULK / bulkSeconds);
    }

    private static void qualifyAndWait(LocalStack stack, String lead) {
        as(stack).header("Prefer", "wait=30").body(Map.of()).post("/api/leads/" + lead + "/qualify")
                .then().statusCode(200);
    }

    private static String newLead(LocalStack stack) {
        return as(stack).body(Map.of("topic", "Benchmark", "lastName", "Speed", "companyName", "Bench " + UUID.randomUUID(),
                        "email", UUID.randomUUID() + "@bench.example", "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().path("id");
    }

    /** Round trips of one small record through the broker, with the producer settings the services use. */
    private static List<Double> kafkaHopMillis(String bootstrap) {
        String topic = "benchmark-hop-" + UUID.randomUUID();
        List<Double> samples = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", "0"), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                     "group.id", topic, "auto.offset.reset", "earliest", "fetch.max.wait.ms", "5"),
                     new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", "up"));
            producer.flush();
            consumer.subscribe(List.of(topic));
            while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                // wait for the assignment and the warm-up record
            }
            for (int i = 0; i < HOPS; i++) {
                long start = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", Long.toString(start)));
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        seen |= record.value().equals(Long.toString(start));
                    }
                }
                samples.add((System.nanoTime() - start) / 1e6);
            }
        }
        return samples;
    }

    private static double percentile(List<Double> samples, int p) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static RequestSpecification as(LocalStack stack) {
        return RestAssured.given().auth().oauth2(stack.tokenOf("carol")).contentType(ContentType.JSON);
    }
}
