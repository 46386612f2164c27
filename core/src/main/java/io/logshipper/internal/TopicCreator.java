package io.logshipper.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the log topic through the Admin API, on the shipper's thread, when the user asked for that. */
final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * Makes sure the topic exists.
     *
     * @throws Exception when the broker cannot be asked or refuses; the caller retries later
     */
    static void ensure(Map<String, String> producerSettings, String topic, int partitions, short replication,
                       Duration timeout) throws Exception {
        Map<String, Object> adminConfig = new HashMap<>();
        producerSettings.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) && !k.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
                adminConfig.put(k, v);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, ProducerPool.CLIENT_ID_PREFIX + "admin");
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replication)))
                    .all().get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
