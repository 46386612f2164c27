package io.logshipper.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Opens;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the module descriptors of core and the appenders from outside, as built: what they declare, and that a
 * modular application on the module path alone can use them. The other modules' tests run on the class path
 * (see the parent POM's surefire configuration), so this is where the module path is exercised.
 */
class ModuleDescriptorsTest {

    private static final String ATTACHMENT = "io.logshipper.spi.LoggingAttachment";

    @Test
    void coreExportsItsApiButNotInternalAndTheAppendersProvideTheAttachment() throws Exception {
        ModuleFinder finder = ModuleFinder.of(location(io.logshipper.LogShipper.class),
                location(io.logshipper.logback.KafkaLogAppender.class), location(io.logshipper.log4j2.KafkaLogAppender.class));

        ModuleDescriptor core = descriptor(finder, "io.logshipper");
        assertThat(core.isAutomatic()).isFalse();
        assertThat(core.packages()).contains("io.logshipper.internal");
        assertThat(unqualifiedExports(core)).containsExactlyInAnyOrder("io.logshipper", "io.logshipper.config", "io.logshipper.spi",
                "io.logshipper.oauth");
        assertThat(core.exports()).noneMatch(e -> e.source().equals("io.logshipper.internal"));
        assertThat(core.opens()).noneMatch(o -> o.source().equals("io.logshipper.internal"));
        assertThat(core.uses()).containsExactly(ATTACHMENT);

        ModuleDescriptor logback = descriptor(finder, "io.logshipper.logback");
        assertThat(unqualifiedExports(logback)).containsExactly("io.logshipper.logback");
        assertThat(providers(logback)).containsExactly(Map.entry(ATTACHMENT, List.of("io.logshipper.logback.LogbackAttachment")));

        ModuleDescriptor log4j2 = descriptor(finder, "io.logshipper.log4j2");
        assertThat(unqualifiedExports(log4j2)).containsExactly("io.logshipper.log4j2");
        assertThat(providers(log4j2)).containsExactly(Map.entry(ATTACHMENT, List.of("io.logshipper.log4j2.Log4j2Attachment")));
        assertThat(log4j2.opens()).extracting(Opens::source, Opens::targets)
                .containsExactly(tuple("io.logshipper.log4j2", Set.of("org.apache.logging.log4j.core")));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aModularApplicationUsesBothAppendersAndTheOptionsFromTheModulePathAlone(@TempDir Path work) throws Exception {
        List<Path> modules = Stream.of(io.logshipper.LogShipper.class, io.logshipper.logback.KafkaLogAppender.class,
                        io.logshipper.log4j2.KafkaLogAppender.class, org.apache.kafka.clients.producer.KafkaProducer.class,
                        com.fasterxml.jackson.core.JsonFactory.class, org.slf4j.LoggerFactory.class,
                        ch.qos.logback.classic.LoggerContext.class, ch.qos.logback.core.Context.class,
                        org.apache.logging.log4j.LogManager.class, org.apache.logging.log4j.core.LoggerContext.class,
                        picocli.CommandLine.class)
                .map(ModuleDescriptorsTest::location)
                .collect(Collectors.toCollection(ArrayList::new));
        // kafka-clients' own run-time dependencies, which the test does not compile against. The producer cannot
        // even be constructed without zstd-jni, referenced even without compression.
        for (String resource : List.of("com/github/luben/zstd/Zstd.class", "net/jpountz/lz4/LZ4Factory.class",
                "org/xerial/snappy/Snappy.class")) {
            modules.add(jarOf(resource));
        }
        String modulePath = modules.stream().map(Path::toString).distinct().collect(Collectors.joining(File.pathSeparator));
        Path probeSources = Path.of("src/test/module-probe");
        Path classes = work.resolve("probe-classes");

        ByteArrayOutputStream compilerOutput = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, compilerOutput, compilerOutput,
                "--module-path", modulePath, "-d", classes.toString(),
                probeSources.resolve("module-info.java").toString(), probeSources.resolve("probe/Probe.java").toString());
        assertThat(compiled).as("the probe compiles against the descriptors:%n%s", compilerOutput).isZero();

        Path output = work.resolve("probe-output.txt");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + modulePath,
                // zstd-jni is an explicit module that nothing requires: kafka.clients is automatic and cannot say
                // it needs it. Every modular application using Kafka has to add it like this.
                "--add-modules", "com.github.luben.zstd_jni",
                "-m", "probe/probe.Probe",
                probeSources.resolve("probe.ini").toString(), probeSources.resolve("log4j2-probe.xml").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = probe.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            probe.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(exited).as("the probe exits in time:%n%s", printed).isTrue();
        assertThat(probe.exitValue()).as("the probe's exit status:%n%s", printed).isZero();
        assertThat(printed).contains("probe: all checks passed").doesNotContain("could not create the Kafka producer");
    }

    /** The jar or classes directory a class was loaded from: target/classes in the reactor, a jar otherwise. */
    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar on the test class path that holds {@code resource}. */
    private static Path jarOf(String resource) throws IOException, URISyntaxException {
        URL url = ModuleDescriptorsTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("%s on the test class path", resource).isNotNull();
        return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
    }

    private static ModuleDescriptor descriptor(ModuleFinder finder, String name) {
        return finder.find(name).map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError("no module " + name + " in " + finder.findAll()));
    }

    private static Set<String> unqualifiedExports(ModuleDescriptor module) {
        return module.exports().stream().filter(e -> !e.isQualified()).map(Exports::source).collect(Collectors.toSet());
    }

    private static Map<String, List<String>> providers(ModuleDescriptor module) {
        return module.provides().stream().collect(Collectors.toMap(Provides::service, Provides::providers));
    }
}
