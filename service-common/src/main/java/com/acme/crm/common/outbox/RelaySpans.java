package com.acme.crm.common.outbox;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The producer span of a relayed record whose row kept its writer's {@code traceparent}: a child of the writer's span,
 * and the record's {@code traceparent} header names it, so the consumer's span continues the writer's trace through
 * it. What SmallRye's connector did for a message with tracing metadata (its producer instrumenter), with the same
 * {@link OpenTelemetry} and so the same propagators: with tracing off, no header at all, as before.
 */
final class RelaySpans {

    private static final TextMapSetter<Headers> HEADERS = (headers, name, value) -> {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    RelaySpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("com.acme.crm.outbox");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of sending {@code record} and writes its headers; null (nothing to end) for a row without one. */
    Span start(ProducerRecord<String, String> record, String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Context writer = TraceParent.restore(traceparent);
        Span span = tracer.spanBuilder(record.topic() + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(writer)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.operation", "publish")
                .startSpan();
        propagator.inject(writer.with(span), record.headers(), HEADERS);
        return span;
    }

    /** Ends the span {@link #start} returned, with the send's failure if it failed. */
    static void end(Span span, Throwable failure) {
        if (span == null) {
            return;
        }
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
