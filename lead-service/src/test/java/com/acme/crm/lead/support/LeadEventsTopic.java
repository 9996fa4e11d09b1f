package com.acme.crm.lead.support;

import com.acme.crm.testinfra.PublicEventCheck;
import com.acme.crm.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads {@code crm.lead.events} from the start, as a consumer of the public events would. */
public final class LeadEventsTopic {

    public static final String TOPIC = "crm.lead.events";

    private LeadEventsTopic() {
    }

    /**
     * Every record up to the first one matching {@code until} (inclusive), read from the
     * beginning; fails if none matches within {@code timeout}. Then reads on for {@code settle}
     * to catch records that should not be there.
     */
    public static List<ConsumerRecord<String, String>> readUntil(Predicate<ConsumerRecord<String, String>> until,
                                                                 Duration timeout, Duration settle) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestKafka.bootstrapServers(),
                "group.id", "lead-test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Instant deadline = Instant.now().plus(timeout);
            Instant settled = null;
            while (settled == null || Instant.now().isBefore(settled)) {
                if (settled == null && Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the awaited record did not arrive on " + TOPIC + " within " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    PublicEventCheck.check(record);
                    records.add(record);
                    if (settled == null && until.test(record)) {
                        settled = Instant.now().plus(settle);
                    }
                }
            }
        }
        return records;
    }

    public static List<ConsumerRecord<String, String>> withKey(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Predicate<ConsumerRecord<String, String>> is(String key, String type) {
        return record -> key.equals(record.key()) && type.equals(header(record, "ce_type"));
    }
}
