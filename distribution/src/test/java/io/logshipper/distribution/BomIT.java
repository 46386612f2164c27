package io.logshipper.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * logshipper-bom pins every published logshipper artifact at the build's version and nothing else: Kafka,
 * Logback, Log4j, SLF4J and Jackson stay with the application's platform BOM.
 */
class BomIT {

    private static final Path ROOT = Path.of(System.getProperty("logshipper.root"));

    /** Modules that build things nobody depends on (the demo, benchmarks, this archive, the BOM itself). */
    private static boolean published(String module) {
        return !(module.equals("examples") || module.startsWith("examples/") || module.startsWith("benchmarks")
                || module.equals("distribution") || module.equals("bom"));
    }

    @Test
    void pinsEveryPublishedModuleAtTheBuildVersionAndNothingElse() throws Exception {
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        Element root = bom.getDocumentElement();
        assertThat(root.getElementsByTagName("parent").getLength()).as("an inherited dependencyManagement").isZero();
        assertThat(child(root, "version")).isEqualTo(System.getProperty("logshipper.version"));

        List<String> pinned = new ArrayList<>();
        NodeList deps = root.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(child(d, "groupId")).isEqualTo("io.logshipper");
            assertThat(child(d, "version")).isEqualTo("${project.version}");
            pinned.add(child(d, "artifactId"));
        }

        List<String> artifacts = new ArrayList<>();
        NodeList modules = parse(ROOT.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            if (published(module)) {
                artifacts.add(child(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        assertThat(pinned).containsExactlyInAnyOrderElementsOf(artifacts);
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (var in = Files.newInputStream(pom)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return c.getTextContent().trim();
            }
        }
        throw new AssertionError("<" + e.getTagName() + "> has no <" + name + ">");
    }
}
