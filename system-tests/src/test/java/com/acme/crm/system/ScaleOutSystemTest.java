package com.acme.crm.system;

import com.acme.crm.stack.LocalStack;
import com.acme.crm.stack.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Services keep nothing in memory that matters: with two instances of account-service and of
 * opportunity-service in one consumer group each, the partitions are shared and every
 * qualification still completes exactly once.
 */
class ScaleOutSystemTest {

    private static final int LEADS = 150;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = RunningStack.get();
        RestAssured.baseURI = stack.gatewayUrl();
    }

    @Test
    void twoInstancesShareThePartitionsAndEveryQualificationCompletesOnce() throws Exception {
        ServiceProcess secondAccounts = stack.startAnotherInstance("account-service", RunningStack.freePort());
        ServiceProcess secondOpportunities = stack.startAnotherInstance("opportunity-service", RunningStack.freePort());
        try {
            qualifyWithTwoInstancesEach();
        } finally {
            // the other system tests share this stack and expect one instance of each
            secondAccounts.stop();
            secondOpportunities.stop();
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

        List<String> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            leads.add(as("carol").body(Map.of("topic", "Scale " + i, "lastName", "Twin", "companyName", "Scale Co " + UUID.randomUUID(),
                            "email", UUID.randomUUID() + "@scale.example", "currency", "EUR"))
                    .post("/api/leads?suppressDuplicateDetection=true").then().statusCode(201).extract().<String>path("id"));
        }
        String location = as("carol").body(Map.of("leadIds", leads, "opportunityCurrency", "EUR"))
                .post("/api/leads/qualify-jobs").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() ->
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



    private static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(stack.tokenOf(user)).contentType(ContentType.JSON);
    }
}
