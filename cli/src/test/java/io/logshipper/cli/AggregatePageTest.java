package io.logshipper.cli;

import static io.logshipper.cli.Records.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logshipper.testing.KafkaBroker;
import io.logshipper.testing.RealKafkaExtension;

/**
 * The live page at {@code GET /} in a real headless Chromium: entries appear, filters, search and pause work,
 * levels are coloured and stack traces folded. Skipped where no chromium is installed (.ci/run installs it).
 */
@ExtendWith(RealKafkaExtension.class)
@Timeout(150)
class AggregatePageTest {

    private static final String VISIBLE = "[...document.querySelectorAll('.entry')].filter(e => !e.hidden)";

    @TempDir
    Path dir;

    @Test
    void entriesAppearWithinTwoSecondsAndTheFiltersWork(KafkaBroker broker) throws Exception {
        Path chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null, "no chromium on the PATH: the browser test of the aggregate page "
                + "is skipped (Debian: apt-get install chromium; .ci/run does this when run as root)");
        String topic = KafkaBroker.uniqueTopic("agg-page");
        broker.createTopic(topic, 1);
        try (Records records = new Records(broker);
             Aggregator agg = Aggregator.start(dir, "page", "--bootstrap-server", broker.bootstrapServers(),
                     "--topic", topic, "--group", KafkaBroker.uniqueTopic("g"));
             HeadlessChromium browser = new HeadlessChromium(chromium, dir.resolve("profile"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> agg.assignedPartitions() == 1);
            browser.navigate("http://127.0.0.1:" + agg.port() + "/");
            await().atMost(Duration.ofSeconds(20)).until(() -> browser.eval(
                    "document.getElementById('status') && document.getElementById('status').textContent")
                    .asText().startsWith("live"));

            long sent = System.nanoTime();
            records.send(topic, 0, "detector-a", entry("INFO", "com.acme.Scan", "scan started"),
                    "{\"time\": \"10:00:01.000\", \"level\": \"ERROR\", \"thread\": \"main\", \"logger\": "
                            + "\"com.acme.Scan\", \"message\": \"scan failed\", \"exception\": "
                            + "\"java.io.IOException: disk full\\n\\tat com.acme.Scan.run(Scan.java:42)\\n"
                            + "\\tat java.base/java.lang.Thread.run(Thread.java:840)\"}");
            records.send(topic, 0, "detector-b", entry("WARN", "com.acme.Cal", "calibration drifting"),
                    entry("DEBUG", "com.acme.Cal", "offset 0.003"));
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> browser.eval("document.querySelectorAll('.entry').length").asInt() == 4);
            System.err.println("[agg-page] 4 entries in the page " + HeadlessChromium.since(sent).toMillis()
                    + " ms after they were produced");

            // Colours by level, stack trace folded under its first line.
            assertThat(browser.eval("getComputedStyle(document.querySelector('.lvl-ERROR')).color").asText())
                    .isEqualTo("rgb(255, 107, 107)");
            assertThat(browser.eval("getComputedStyle(document.querySelector('.lvl-WARN')).color").asText())
                    .isEqualTo("rgb(242, 201, 76)");
            assertThat(browser.eval("document.querySelector('.lvl-ERROR details').open").asBoolean()).isFalse();
            assertThat(browser.eval("document.querySelector('.lvl-ERROR summary').textContent").asText())
                    .contains("scan failed").doesNotContain("Scan.java:42");
            assertThat(browser.eval("document.querySelector('.lvl-ERROR .trace').textContent").asText())
                    .contains("Scan.java:42");

            // Program filter, then level filter, then search.
            browser.eval("var s = document.getElementById('program'); s.value = 'detector-a';"
                    + " s.dispatchEvent(new Event('change'))");
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(2);
            browser.eval("var l = document.getElementById('level'); l.value = 'ERROR';"
                    + " l.dispatchEvent(new Event('change'))");
            assertThat(browser.eval(VISIBLE + ".map(e => e.textContent).join('|')").asText())
                    .contains("scan failed").doesNotContain("scan started");
            browser.eval("document.getElementById('program').value = ''; document.getElementById('level').value = '';"
                    + " var q = document.getElementById('search'); q.value = 'DRIFT';"
                    + " q.dispatchEvent(new Event('input'))");
            assertThat(browser.eval(VISIBLE + ".map(e => e.textContent).join('|')").asText())
                    .contains("calibration drifting").doesNotContain("scan");
            browser.eval("var q = document.getElementById('search'); q.value = '';"
                    + " q.dispatchEvent(new Event('input'))");
            assertThat(browser.eval(VISIBLE + ".length").asInt()).isEqualTo(4);

            // Pause holds new entries back; resume shows them.
            browser.eval("document.getElementById('pause').click()");
            records.send(topic, 0, "detector-b", entry("INFO", "com.acme.Cal", "while paused"));
            await().atMost(Duration.ofSeconds(5)).until(() -> browser.eval(
                    "document.getElementById('status').textContent").asText().contains("1 waiting"));
            assertThat(browser.eval("document.querySelectorAll('.entry').length").asInt()).isEqualTo(4);
            browser.eval("document.getElementById('pause').click()");
            assertThat(browser.eval(VISIBLE + ".map(e => e.textContent).join('|')").asText())
                    .contains("while paused");

            browser.screenshot(Path.of("target", "aggregate-page.png"));
            String keep = System.getProperty("logshipper.screenshot");
            if (keep != null) {
                browser.screenshot(Path.of(keep));
            }
        }
    }
}
