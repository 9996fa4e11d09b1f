package com.acme.crm.system;

import com.acme.crm.stack.ServiceProcess;
import com.acme.crm.stack.StackConfig;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services keep nothing in memory that matters: with two instances of account-service and of
 * opportunity-service in one consumer group each, the partitions are shared and every
 * qualification still completes exactly once; with two instances of lead-service, a bulk job
 * keeps its window (SPEC §6) across both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the window test last: it leaves lead-service reconfigured
class ScaleOutSystemTest extends ThroughTheGateway {

    private static final int LEADS = 150;

    @Test
    @Order(1)
    void twoInstancesShareThePartitionsAndEveryQualificationCompletesOnce() throws Exception {
        // the two instances start side by side, and stop so: each start or stop takes seconds
        List<ServiceProcess> seconds = new CopyOnWriteArrayList<>();
        try {
            InParallel.map(List.of("account-service", "opportunity-service"), name -> seconds.add(anotherInstance(name)));
            qualifyWithTwoInstancesEach();
        } finally {
            // the other system tests share this stack and expect one instance of each
            InParallel.map(seconds, second -> {
                second.stop();
                return second;
            });
        }
    }

    @Test
    @Order(2)
    void twoLeadServiceReplicasTogetherNeverRunMoreBulkAttemptsThanTheWindow() throws Exception {
        int window = 5;
        int leads = 200;
        // both replicas with window 5 (crm.bulk.window, from the environment), saying when they claim; the first gets
        // the stack's own configuration back when the next class asks for the stack
        RunningStack.reconfigure("lead-service", Map.of("CRM_BULK_WINDOW", Integer.toString(window),
                "QUARKUS_LOG_CATEGORY__COM_ACME_CRM_LEAD_QUALIFICATION_BULK__LEVEL", "DEBUG"));
        ServiceProcess secondLeads = null;
        try {
            secondLeads = anotherInstance("lead-service");
            windowHoldsAcrossReplicas(window, leads);
            // the bound means something only if both replicas claimed
            for (ServiceProcess replica : List.of(stack.service("lead-service"), secondLeads)) {
                long claims = Files.readAllLines(replica.spec().logFile()).stream()
                        .filter(line -> line.contains("claimed") && line.contains("of bulk jobs")).count();
                System.out.printf("window test: %s claimed %d times%n", replica.spec().logFile().getFileName(), claims);
                assertTrue(claims > 0, replica.spec().logFile() + " claimed leads too");
            }
        } finally {
            if (secondLeads != null) {
                secondLeads.stop();
            }
        }
    }

    /** One more instance of a service of the stack, on a free port (the stack stops it too, if the test does not). */
    private static ServiceProcess anotherInstance(String service) {
        try {
            return stack.startAnotherInstance(service, RunningStack.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void windowHoldsAcrossReplicas(int window, int size) throws Exception {
        List<String> leads = InParallel.times(size, i -> as("carol")
                .body(Map.of("topic", "Window " + i, "lastName", "Pane", "companyName", "Window Co " + UUID.randomUUID(),
                        "email", UUID.randomUUID() + "@window.example", "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().<String>path("id"));
        long started = System.nanoTime();
        String location = as("carol").body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf("/api/"));
        String jobId = job.substring(job.lastIndexOf('/') + 1);

        // sample what the job has in flight, straight from the lead database, every few milliseconds until it is done
        int max = 0;
        int samples = 0;
        int atWindow = 0;
        String inFlight = "select count(*) from qualify_job_lead where job_id = '" + jobId + "' and status in ('STARTING', 'IN_PROGRESS')";
        String open = "select count(*) from qualify_job_lead where job_id = '" + jobId + "' and status in ('PENDING', 'STARTING', 'IN_PROGRESS')";
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("lead"), StackConfig.DB_USER, StackConfig.DB_PASSWORD);
             PreparedStatement count = db.prepareStatement(inFlight); PreparedStatement remaining = db.prepareStatement(open)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (single(remaining) > 0) {
                assertTrue(System.nanoTime() < deadline, "the job finishes within 4 minutes");
                int now = single(count);
                max = Math.max(max, now);
                atWindow += now == window ? 1 : 0;
                samples++;
                Thread.sleep(2);
            }
        }
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                "FINISHED".equals(as("carol").get(job + "?results=false").then().extract().path("status")));
        JsonPath result = as("carol").get(job + "?results=false").then().extract().jsonPath();
        QualifiedRecords records = QualifiedRecords.of(leads);
        System.out.printf("window test: 2 lead-service replicas, window %d, %d leads, job took %d ms, %d samples, "
                        + "max in flight %d, samples at the window %d, completed %d, accounts %d, contacts %d, opportunities %d%n",
                window, size, tookMs, samples, max, atWindow, result.getInt("completed"),
                records.accounts(), records.contacts(), records.opportunities());

        assertTrue(max <= window, "at most " + window + " attempts in flight, saw " + max);
        assertTrue(atWindow > 0, "the window was used in full at some point (else the test proves little)");
        assertEquals(size, result.getInt("completed"));
        assertEquals(size, records.qualified());
        assertEquals(size, records.accounts());
        assertEquals(size, records.contacts());
        assertEquals(size, records.opportunities());
        assertEquals(0, records.inProgress());
    }

    private static int single(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void qualifyWithTwoInstancesEach() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String group : List.of("account-service", "opportunity-service")) {
                    ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                    List<MemberDescription> members = new ArrayList<>(description.members());
                    assertEquals(2, members.size(), group + " members");
                    assertTrue(members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()),
                            group + ": every member owns partitions: " + members);
                }
            });
        }

        List<String> leads = InParallel.times(LEADS, i -> as("carol")
                .body(Map.of("topic", "Scale " + i, "lastName", "Twin", "companyName", "Scale Co " + UUID.randomUUID(),
                        "email", UUID.randomUUID() + "@scale.example", "currency", "EUR"))
                .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().<String>path("id"));
        String location = as("carol").body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200)).until(() ->
                "FINISHED".equals(as("carol").get(job + "?results=false").then().extract().path("status")));
        JsonPath result = as("carol").get(job + "?results=false").then().extract().jsonPath();
        assertEquals(LEADS, result.getInt("completed"));

        String ids = leads.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        assertEquals(LEADS, RunningStack.count("account", "select count(distinct originating_lead_id) from account where originating_lead_id in (" + ids + ")"));
        assertEquals(LEADS, RunningStack.count("account", "select count(*) from account where originating_lead_id in (" + ids + ")"));
        assertEquals(LEADS, RunningStack.count("account", "select count(*) from contact where originating_lead_id in (" + ids + ")"));
        assertEquals(LEADS, RunningStack.count("opportunity", "select count(*) from opportunity where originating_lead_id in (" + ids + ")"));
        assertEquals(LEADS, RunningStack.count("lead", "select count(*) from lead where state = 'QUALIFIED' and id in (" + ids + ")"));
    }
}
