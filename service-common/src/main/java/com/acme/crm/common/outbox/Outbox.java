package com.acme.crm.common.outbox;

import com.acme.crm.common.persistence.JsonRows;
import com.acme.crm.contracts.MessageType;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.acme.crm.common.persistence.WriteBehind;
import com.acme.crm.common.persistence.WriteStatement;
import com.google.common.base.Utf8;
import io.smallrye.mutiny.Uni;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.query.spi.QueryParameterBindingTypeResolver;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.type.BindableType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The only way a service sends anything to Kafka: the message is stored in the caller's
 * transaction and the {@link OutboxRelay} of its lane sends it after commit (woken in this process at once by the
 * commit; a lone interactive message is handed to it with its commit, {@link OutboxRelay#afterCommit}). Call it inside
 * {@code @WithTransaction}. Within a {@link WriteBehind} unit (a consumer's batch, a bulk job's window) the
 * transaction's messages are inserted together at its end, in publish order (the id order is the relay's
 * send order), in the one statement that writes the unit's other joinable writers' rows
 * ({@link WriteBehind.Joinable}); elsewhere each at once. The same insert either way: one SQL text, the rows as one JSON array and
 * their payloads beside it as one array of text, each written to JSON once and stored as written: what Kafka carries
 * is byte for byte what the service wrote.
 */
@ApplicationScoped
public class Outbox {

    // The rows in the array's order: the identity (the relay's send order) follows publish order. The payloads go
    // beside the array as a text[] (in the same order, zipped by ROWS FROM), not inside it: the driver sends them as
    // they are, so a payload is neither escaped again here nor parsed by PostgreSQL, and it is stored byte for byte as
    // the service wrote it. The interactive rows are handed to this process's relay (handed_until set: HANDED) when the
    // statement's snapshot holds no row of their lane: nothing of that lane, of any key, waits to go before them.
    private static final String INSERT = """
            insert into outbox_message (message_id, topic, message_key, type, payload, created_at, traceparent, handed_until)
            select r ->> 'messageId', r ->> 'topic', r ->> 'messageKey', r ->> 'type', payload,
                   cast(r ->> 'createdAt' as timestamptz), r ->> 'traceparent',
                   case when (r ->> 'topic') like '%%.interactive'
                             and not exists (select 1 from outbox_message waiting where waiting.topic like '%%.interactive')
                        then %s end
            from rows from (jsonb_array_elements(cast(cast(:rows as text) as jsonb)), unnest(cast(:payloads as text[])))
                    with ordinality as given(r, payload, n)
            order by n""";
    /** The statement counts the rows it handed over (none or all of its interactive ones). */
    private static final String HANDED = "handed_until is not null";

    /**
     * Whether a lone interactive message goes from its writer's commit straight to this process's relay, which sends
     * it without reading the table (docs/operations.md); off, every row waits for a relay's read, as before.
     */
    @ConfigProperty(name = "crm.outbox.hand-over", defaultValue = "true")
    boolean handOver;

    /**
     * How long a handed row is its writer's process's alone: should that process die or fail to send it, any replica's
     * relay sends it (and its lane's rows after it) once this has passed.
     */
    @ConfigProperty(name = "crm.outbox.hand-over-lease", defaultValue = "10s")
    Duration handOverLease;

    private String insertSql;

    @PostConstruct
    void init() {
        insertSql = INSERT.formatted(handOver
                // from the statement's start, not the transaction's: a long transaction's lease is not over at once
                ? "statement_timestamp() + interval '" + handOverLease.toMillis() + " milliseconds'"
                : "cast(null as timestamptz)");
    }

    @Inject
    ObjectMapper json;

    @Inject
    JsonRows jsonRows;

    @Inject
    OutboxRelay relay;

    /**
     * Messages are bounded by design (SPEC rule 6), far below Kafka's 1 MiB default: a larger one
     * is a bug in the code that built it, and fails that code's transaction rather than reach Kafka.
     */
    @ConfigProperty(name = "crm.outbox.max-message-bytes", defaultValue = "524288")
    int maxMessageBytes;

    /** Stores a message of a public event type (a {@code ce_type} name) for {@code topic}, keyed by {@code key}. */
    public Uni<Void> publish(String topic, Object key, String type, Object data) {
        Row row;
        try {
            row = row(topic, key, type, data);
        } catch (IllegalStateException oversized) {
            return Uni.createFrom().failure(oversized);
        }
        return WriteBehind.add(insert, row);
    }

    /** Stores an internal message of a cataloged type. */
    public <T> Uni<Void> publish(String topic, Object key, MessageType<T> type, T data) {
        return publish(topic, key, type.name(), data);
    }

    /**
     * As {@link #publish(String, Object, String, Object)}, for a work that ends at once: the message waits in the running
     * {@link WriteBehind} unit (there must be one) and nothing is returned; a message over the limit throws.
     */
    public void queue(String topic, Object key, String type, Object data) {
        WriteBehind.queue(insert, row(topic, key, type, data));
    }

    /** As {@link #queue(String, Object, String, Object)}, for an internal message of a cataloged type. */
    public <T> void queue(String topic, Object key, MessageType<T> type, T data) {
        queue(topic, key, type.name(), data);
    }

    /** The message as a row; {@link IllegalStateException} when it is over the limit. */
    private Row row(String topic, Object key, String type, Object data) {
        String payload = toJson(data);
        int bytes = Utf8.encodedLength(payload); // counted, not copied
        if (bytes > maxMessageBytes) {
            throw new IllegalStateException("message " + type + " for " + topic + " (key " + key
                    + ") is " + bytes + " bytes, more than crm.outbox.max-message-bytes=" + maxMessageBytes
                    + ": messages are bounded by design; the code that built it must bound what it carries");
        }
        // to the microsecond, as PostgreSQL stores it: a handed row's ce_time is the one a row read back would have
        return new Row(UUID.randomUUID().toString(), topic, key.toString(), type, payload,
                Instant.now().truncatedTo(ChronoUnit.MICROS).toString(), TraceParent.current());
    }

    /** One outbox row: its insert reads all but the payload from JSON, the payload from the array beside it. */
    record Row(String messageId, String topic, String messageKey, String type, @JsonIgnore String payload,
               String createdAt, String traceparent) {
    }

    // joinable: the insert reads no other writer's rows (the outbox's own waiting rows only); the relay is woken, or
    // handed the rows, by this transaction's commit either way
    private final WriteBehind.Joinable<Row> insert = this::insert;

    /** The payloads parameter's type, resolved once: Hibernate would work out an array's type anew for each statement. */
    private volatile BindableType<String[]> payloadsType;

    private WriteStatement insert(Mutiny.Session session, List<Row> rows) {
        LongConsumer handed = relay.afterCommit(session, rows);
        return WriteStatement.of(insertSql, Map.of("rows", jsonRows.text(rows), "payloads", payloads(session, rows)))
                .counting(HANDED, handed);
    }

    private Object payloads(Mutiny.Session session, List<Row> rows) {
        String[] payloads = rows.stream().map(Row::payload).toArray(String[]::new);
        BindableType<String[]> type = payloadsType;
        if (type == null && session.getFactory().getMetamodel() instanceof QueryParameterBindingTypeResolver types) {
            type = types.resolveParameterBindType(String[].class); // what Hibernate does per statement for an untyped array
            payloadsType = type;
        }
        return type == null ? payloads : new TypedParameterValue<>(type, payloads);
    }

    private String toJson(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write message data as JSON: " + data.getClass(), e);
        }
    }
}
