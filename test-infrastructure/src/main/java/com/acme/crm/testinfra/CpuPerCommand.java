package com.acme.crm.testinfra;

import com.acme.crm.testinfra.KafkaProbe.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A probe of the CPU a service spends per command through its real consumer, to compare two versions of its step (not
 * a test: it prints a figure that moves with the machine's load). Each round sends the commands while the service's
 * consumer is paused, then resumes it, so it takes them in full polls, and waits until {@code doneSql}'s count has grown
 * by {@code donePerCommand} a command and the outbox is empty; the warm-up rounds come first, then one measured round,
 * whose CPU ({@link ThreadCpu}) from the resume to the last reply is reported.
 *
 * @param topic          where the commands go, {@link #PER_SEND} a produce request on keys of their own
 * @param type           their {@code ce_type}
 * @param pause          pauses the service's consumer of {@code topic}; {@code resume} resumes it
 * @param doneSql        a count of what the commands make (in the service's database, {@link Db})
 * @param donePerCommand how much one command adds to it
 */
public record CpuPerCommand(String topic, String type, Runnable pause, Runnable resume, String doneSql, int donePerCommand) {

    private static final int PER_SEND = 250;

    /** @return the report of the measured round */
    public String measure(String what, int commands, int warmups, Supplier<String> command) {
        int[] made = {0};
        String[] key = {null};
        return measureKeyed(what, commands, warmups, () -> {
            if (made[0]++ % PER_SEND == 0) {
                key[0] = "probe-" + UUID.randomUUID(); // a key per produce request
            }
            return new KafkaProbe.Keyed(key[0], new Event(type, command.get()));
        });
    }

    /**
     * As {@link #measure}, each command on a key of its own choosing (its {@code ce_type} should be this probe's):
     * for a service that reads its messages' keys (lead-service's replies, keyed by lead).
     */
    public String measureKeyed(String what, int commands, int warmups, Supplier<KafkaProbe.Keyed> command) {
        ProbeJvm.requireTheServicesCompiler();
        String report = null;
        for (int round = 0; round <= warmups; round++) {
            report = round(what, commands, command);
        }
        return report;
    }

    private String round(String what, int commands, Supplier<KafkaProbe.Keyed> command) {
        pause.run();
        long expected = Db.count(doneSql) + (long) donePerCommand * commands;
        for (int sent = 0; sent < commands; sent += PER_SEND) {
            List<KafkaProbe.Keyed> events = new ArrayList<>();
            for (int i = sent; i < Math.min(commands, sent + PER_SEND); i++) {
                events.add(command.get());
            }
            KafkaProbe.sendTogether(topic, events);
        }
        ThreadCpu before = ThreadCpu.now();
        long started = System.nanoTime();
        resume.run();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Db.count(doneSql) < expected || Db.count("select count(*) from outbox_message") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not done after 5 minutes (" + Db.count(doneSql) + " of " + expected + ")");
            }
            sleep();
        }
        long wall = System.nanoTime() - started;
        ThreadCpu.Delta used = ThreadCpu.now().since(before);
        if (Db.count(doneSql) != expected) {
            throw new AssertionError(what + ": " + Db.count(doneSql) + " made, expected " + expected);
        }
        return used.report(what + ", " + commands + " commands", commands, wall);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
