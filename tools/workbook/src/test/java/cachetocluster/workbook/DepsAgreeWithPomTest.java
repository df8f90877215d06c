package cachetocluster.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Versions live in the root pom; JBang scripts must repeat them in //DEPS. This keeps the two equal,
 * so `./jbang labs/...` runs exactly what Maven tested.
 */
class DepsAgreeWithPomTest {

    private static final Pattern DEPS = Pattern.compile("^//DEPS\\s+([^:\\s]+):([^:\\s]+):([^\\s]+)\\s*$");

    static Map<String, String> managedVersions(Path pom) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Map<String, String> properties = new HashMap<>();
        var props = ((Element) doc.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element e) properties.put(e.getTagName(), e.getTextContent().strip());
        }
        Map<String, String> versions = new HashMap<>();
        var management = (Element) doc.getElementsByTagName("dependencyManagement").item(0);
        var deps = management.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            var dep = (Element) deps.item(i);
            String version = text(dep, "version");
            Matcher m = Pattern.compile("\\$\\{(.+)}").matcher(version);
            if (m.matches()) version = properties.get(m.group(1));
            versions.put(text(dep, "groupId") + ":" + text(dep, "artifactId"), version);
        }
        return versions;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    static List<Path> jbangScripts(Path root) throws Exception {
        List<Path> scripts = new ArrayList<>(List.of(root.resolve("tools/workbook/Workbook.java")));
        try (var labs = Files.list(root.resolve("labs"))) {
            for (Path lab : labs.filter(Files::isDirectory).toList()) {
                try (var files = Files.list(lab)) {
                    files.filter(p -> p.toString().endsWith(".java")).forEach(scripts::add);
                }
            }
        }
        return scripts;
    }

    @Test
    void everyDepsLineOfEveryScriptUsesThePomsVersion() throws Exception {
        Path root = RepoRoot.get();
        Map<String, String> managed = managedVersions(root.resolve("pom.xml"));
        List<String> checked = new ArrayList<>();
        for (Path script : jbangScripts(root)) {
            for (String line : Files.readAllLines(script)) {
                Matcher m = DEPS.matcher(line.strip());
                if (!m.matches()) continue;
                String coordinate = m.group(1) + ":" + m.group(2);
                assertThat(managed).as(root.relativize(script) + " uses " + coordinate + ", which the root pom does not manage")
                        .containsKey(coordinate);
                assertThat(m.group(3)).as(root.relativize(script) + ": version of " + coordinate + " (root pom has it)")
                        .isEqualTo(managed.get(coordinate));
                checked.add(coordinate);
            }
        }
        assertThat(checked).as("//DEPS lines found").contains("info.picocli:picocli");
    }
}
