package io.logshipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

@ExtendWith(RealKafkaExtension.class)
@Timeout(60)
class JmxTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private static LogShipperBuilder builder(KafkaBroker broker, String programId) {
        return LogShipper.builder().bootstrapServers(broker.bootstrapServers())
                .topic(KafkaBroker.uniqueTopic("jmx")).programId(programId).interval(Duration.ofMillis(200))
                .sendWhenIdle(false).shutdownHook(false);
    }

    @Test
    void theMxBeanShowsCountersGaugesAndHealthAndIsGoneAfterClose(KafkaBroker broker) throws Exception {
        LogShipper shipper = builder(broker, "jmx-service").jmx(true).build();
        ObjectName name = new ObjectName("io.logshipper:type=LogShipper,name=jmx-service");
        assertThat(shipper.mxBeanName()).contains(name);
        for (int i = 0; i < 7; i++) {
            shipper.log("entry " + i);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> (Long) SERVER.getAttribute(name, "Delivered") == 7);
        assertThat(SERVER.getAttribute(name, "Accepted")).isEqualTo(7L);
        assertThat(SERVER.getAttribute(name, "State")).isEqualTo("CONNECTED");
        assertThat(SERVER.getAttribute(name, "ProgramId")).isEqualTo("jmx-service");
        assertThat(SERVER.getAttribute(name, "LastSuccessfulSend")).isNotNull();
        assertThat((Long) SERVER.getAttribute(name, "AcknowledgedMessages")).isPositive();
        assertThat(SERVER.getAttribute(name, "BufferedEntries")).isEqualTo(0);
        assertThat(SERVER.getAttribute(name, "OldestUndeliveredAgeMillis")).isEqualTo(0L);

        shipper.close(Duration.ofSeconds(10));

        assertThat(SERVER.isRegistered(name)).isFalse();
        assertThat(shipper.mxBeanName()).isEmpty();
    }

    @Test
    void twoShippersWithOneProgramIdGetTwoNamesAndAHostileIdIsQuoted(KafkaBroker broker) throws Exception {
        String hostile = "a,b=c:*?\"\n\\x";
        try (LogShipper first = builder(broker, "twin").jmx(true).build();
             LogShipper second = builder(broker, "twin").jmx(true).build();
             LogShipper odd = builder(broker, hostile).jmx(true).build()) {
            assertThat(first.mxBeanName()).contains(new ObjectName("io.logshipper:type=LogShipper,name=twin"));
            assertThat(second.mxBeanName()).contains(new ObjectName("io.logshipper:type=LogShipper,name=twin-2"));
            ObjectName quoted = odd.mxBeanName().orElseThrow();
            assertThat(quoted.getKeyProperty("type")).isEqualTo("LogShipper");
            assertThat(ObjectName.unquote(quoted.getKeyProperty("name"))).isEqualTo(hostile);
            assertThat(SERVER.getAttribute(quoted, "ProgramId")).isEqualTo(hostile);
        }
        assertThat(SERVER.queryNames(new ObjectName("io.logshipper:type=LogShipper,*"), null)).isEmpty();
    }

    @Test
    void withoutTheSettingNothingIsRegistered(KafkaBroker broker) throws Exception {
        try (LogShipper shipper = builder(broker, "no-jmx").build()) {
            assertThat(shipper.mxBeanName()).isEmpty();
            assertThat(SERVER.queryNames(new ObjectName("io.logshipper:type=LogShipper,name=no-jmx"), null)).isEmpty();
        }
    }
}
