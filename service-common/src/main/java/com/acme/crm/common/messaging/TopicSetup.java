package com.acme.crm.common.messaging;

import com.acme.crm.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the platform's topics (and the dead-letter topics) when they are missing, before the
 * first message needs them: a topic made on the fly by the broker costs its first producer and
 * consumers seconds of metadata retries. Where operators manage topics (e.g. Strimzi), they
 * already exist and this does nothing. Partitions: {@code crm.kafka.partitions}, and for the
 * interactive lane's topics {@code crm.kafka.interactive-partitions} (few: see docs/operations.md,
 * "Partitions"); replication: the broker's default.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "crm.kafka.partitions", defaultValue = "3")
    int partitions;

    @ConfigProperty(name = "crm.kafka.interactive-partitions", defaultValue = "2")
    int interactivePartitions;

    /**
     * Before SmallRye starts the channels (its start-up observer has priority LIBRARY_BEFORE, 1000):
     * a consumer that subscribes before its topic exists joins its group with no partitions and
     * gets them only seconds later, after a metadata refresh and a second rebalance; that was most
     * of the first qualification's 5–7 s on a fresh stack.
     */
    void createMissingTopics(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : Topics.ALL) {
            int count = Topics.isInteractive(name) ? interactivePartitions : partitions;
            topics.add(new NewTopic(name, Optional.of(count), Optional.empty()));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            admin.createTopics(topics).values().forEach((name, created) -> {
                try {
                    created.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("topic %s not created (%s); the broker will make it on first use", name, e.getCause().getMessage());
                    }
                } catch (Exception e) {
                    LOG.warnf("topic %s not created (%s); the broker will make it on first use", name, e.getMessage());
                }
            });
        }
    }
}
