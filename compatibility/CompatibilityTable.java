import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Renders the README's compatibility tables from what the build left behind, so they are never typed
 * by hand. JDK only; run from the repository root after {@code ./mvnw verify}:
 *
 * <pre>
 * java compatibility/CompatibilityTable.java --write README.md   # replace the block
 * java compatibility/CompatibilityTable.java --check README.md   # exit 1 and show a diff when it differs
 * </pre>
 *
 * <p>Inputs: {@code compatibility/target/compatibility/postgresql-<major>.properties} (one per
 * PostgreSQL major, written by the compatibility suite), the surefire and failsafe XML reports under
 * {@code <module>/target/surefire-reports}, {@code <module>/target/failsafe-reports} and
 * {@code <module>/target/jdk25/surefire-reports} (their {@code java.version} property says which JDK
 * ran them), the reports of the testkit's and the ArchUnit rules' own tests on JUnit Jupiter 5 ({@code
 * target/surefire-reports}, {@code target/failsafe-reports}) and 6 ({@code target/junit6/…}, from {@code
 * ./mvnw -Pjunit6 verify -pl routing-testkit,routing-archunit -am}; the Jupiter version is the one on
 * the run's class path), and the library versions in the root {@code pom.xml}. The output holds no timings and no
 * test counts, so it changes only when a result does.
 */
public final class CompatibilityTable {
    static final String BEGIN = "<!-- compatibility:begin -->";
    static final String END = "<!-- compatibility:end -->";
    static final List<Integer> MAJORS = List.of(13, 14, 15, 16, 17, 18);
    static final List<String> CHECKS =
            List.of(
                    "provisioning",
                    "migrate-all",
                    "routed-dsl",
                    "cross-app-guard",
                    "traced-lint",
                    "template-clone",
                    "replicas");
    static final Map<String, String> LIBRARIES = libraries();
    /** The suites of the JUnit rows: module and report folder, in column order. */
    static final List<String> JUNIT_SUITES = List.of(
            "routing-testkit unit tests", "routing-testkit integration tests", "routing-archunit unit tests");
    static final String PASSED = "✓";
    static final String FAILED = "✗";
    static final String NOT_RUN = "–";

    private CompatibilityTable() {}

    private static Map<String, String> libraries() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jOOQ", "jooq.version");
        m.put("Flyway", "flyway.version");
        m.put("HikariCP", "hikaricp.version");
        m.put("PostgreSQL JDBC (pgjdbc)", "postgresql.version");
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("--check") || args[0].equals("--write"))) {
            System.err.println("usage: java compatibility/CompatibilityTable.java --check|--write README.md");
            System.exit(2);
        }
        Path readme = Path.of(args[1]).toAbsolutePath();
        Path root = readme.getParent();
        String current = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = current.indexOf(BEGIN);
        int end = current.indexOf(END);
        if (begin < 0 || end < begin) {
            System.err.println(readme + " has no " + BEGIN + " … " + END + " block");
            System.exit(2);
        }
        String oldBlock = current.substring(begin + BEGIN.length(), end);
        String newBlock = "\n" + render(root, oldBlock);
        String updated = current.substring(0, begin + BEGIN.length()) + newBlock + current.substring(end);
        if (args[0].equals("--write")) {
            if (!updated.equals(current)) {
                Files.writeString(readme, updated, StandardCharsets.UTF_8);
                System.out.println("updated the compatibility table in " + args[1]);
            } else {
                System.out.println("the compatibility table in " + args[1] + " is up to date");
            }
            return;
        }
        if (updated.equals(current)) {
            System.out.println("the compatibility table in " + args[1] + " is up to date");
            return;
        }
        System.out.println("the compatibility table in " + args[1] + " differs from the build's results:");
        System.out.print(diff(oldBlock.lines().toList(), newBlock.lines().toList()));
        System.out.println("run: java compatibility/CompatibilityTable.java --write " + args[1]);
        System.exit(1);
    }

    /** Returns the block's new content (without the markers). */
    static String render(Path root, String oldBlock) throws Exception {
        StringBuilder out = new StringBuilder();
        Map<Integer, Properties> results = postgresResults(root);
        if (results.isEmpty()) {
            throw new IllegalStateException("no results in " + root.resolve("compatibility/target/compatibility")
                    + ": run ./mvnw verify (or ./mvnw -pl compatibility -am verify) first");
        }
        out.append("PostgreSQL (embedded binaries, one JVM per major; ")
                .append(PASSED)
                .append(" passed, ")
                .append(FAILED)
                .append(" failed, ")
                .append(NOT_RUN)
                .append(" not run):\n\n");
        out.append("| PostgreSQL |");
        CHECKS.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append(" Differences |\n|---|");
        CHECKS.forEach(c -> out.append(":-:|"));
        out.append("---|\n");
        Map<String, Map<Integer, String>> differences = differences(results);
        for (int major : MAJORS) {
            Properties p = results.get(major);
            out.append("| ").append(p == null ? major + "" : p.getProperty("server.version", major + "")).append(" |");
            for (String check : CHECKS) {
                String value = p == null ? null : p.getProperty("check." + check);
                out.append(' ')
                        .append(
                                value == null
                                        ? NOT_RUN
                                        : value.equals("passed") ? PASSED : FAILED)
                        .append(" |");
            }
            List<String> cells = new ArrayList<>();
            differences.forEach((topic, byMajor) -> {
                String v = byMajor.get(major);
                if (v != null && byMajor.values().stream().distinct().count() > 1) {
                    cells.add(topic + ": " + v);
                }
            });
            out.append(' ').append(escape(String.join("; ", cells))).append(" |\n");
        }
        List<String> same = new ArrayList<>();
        differences.forEach((topic, byMajor) -> {
            if (byMajor.values().stream().distinct().count() == 1 && byMajor.size() == results.size()) {
                same.add(topic + ": " + byMajor.values().iterator().next());
            }
        });
        if (!same.isEmpty()) {
            out.append("\nThe same on every version run (traced lint: strongest lock on the table, rewrite):\n\n");
            same.forEach(s -> out.append("- ").append(escape(s)).append('\n'));
        }

        out.append("\nJDK (").append(PASSED).append(" passed, ").append(FAILED).append(" failed, ")
                .append(NOT_RUN).append(" not run):\n\n");
        out.append("| JDK | compiled | unit tests | integration + compatibility |\n|---|:-:|:-:|:-:|\n");
        Map<Integer, int[]> unit = new TreeMap<>();
        Map<Integer, int[]> integration = new TreeMap<>();
        readReports(root, unit, integration);
        boolean jdk25 = Files.isDirectory(root) && hasJdk25Reports(root);
        TreeSet<Integer> jdks = new TreeSet<>();
        jdks.addAll(unit.keySet());
        jdks.addAll(integration.keySet());
        String kept25 = oldBlock.lines().filter(l -> l.startsWith("| 25 |")).findFirst().orElse(null);
        if (!jdk25) {
            System.err.println("notice: no JDK 25 reports under */target/jdk25/surefire-reports; "
                    + (kept25 == null ? "no JDK 25 row is shown" : "the README's JDK 25 row is kept as it is"));
            jdks.remove(25);
            if (kept25 != null) {
                jdks.add(25);
            }
        }
        for (int jdk : jdks) {
            if (jdk == 25 && !jdk25) {
                out.append(kept25).append('\n');
                continue;
            }
            int[] u = unit.get(jdk);
            int[] i = integration.get(jdk);
            out.append("| ").append(jdk).append(" | ")
                    .append(u != null || i != null ? PASSED : NOT_RUN).append(" | ")
                    .append(mark(u)).append(" | ")
                    .append(mark(i)).append(" |\n");
        }

        out.append(junitRows(root));

        out.append("\nBuilt against:\n\n| Library | Version |\n|---|---|\n");
        Properties pom = pomProperties(root.resolve("pom.xml"));
        for (Map.Entry<String, String> lib : LIBRARIES.entrySet()) {
            out.append("| ").append(lib.getKey()).append(" | ")
                    .append(Optional.ofNullable(pom.getProperty(lib.getValue())).orElse("?"))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Returns the JUnit section: a row per Jupiter version the testkit's and ArchUnit rules' tests ran on. */
    static String junitRows(Path root) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\nJUnit Jupiter, the testkit's and the ArchUnit rules' own tests (").append(PASSED)
                .append(" passed, ").append(FAILED).append(" failed, ").append(NOT_RUN).append(" not run):\n\n");
        out.append("| JUnit Jupiter |");
        JUNIT_SUITES.forEach(suite -> out.append(' ').append(suite).append(" |"));
        out.append("\n|---|");
        JUNIT_SUITES.forEach(suite -> out.append(":-:|"));
        out.append('\n');
        Map<String, Map<String, int[]>> byJupiter = junitReports(root);
        for (Map.Entry<String, Map<String, int[]>> row : byJupiter.entrySet()) {
            out.append("| ").append(row.getKey()).append(" |");
            JUNIT_SUITES.forEach(suite -> out.append(' ').append(mark(row.getValue().get(suite))).append(" |"));
            out.append('\n');
        }
        return out.toString();
    }

    private static String mark(int[] counts) {
        if (counts == null || counts[0] == 0) {
            return NOT_RUN;
        }
        return counts[1] == 0 ? PASSED : FAILED;
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }

    static Map<Integer, Properties> postgresResults(Path root) throws IOException {
        Map<Integer, Properties> results = new TreeMap<>();
        Path dir = root.resolve("compatibility/target/compatibility");
        for (int major : MAJORS) {
            Path file = dir.resolve("postgresql-" + major + ".properties");
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                results.put(major, p);
            }
        }
        return results;
    }

    /** Returns topic → (major → text), topics sorted. */
    static Map<String, Map<Integer, String>> differences(Map<Integer, Properties> results) {
        Map<String, Map<Integer, String>> topics = new TreeMap<>();
        results.forEach((major, p) -> {
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("difference.")) {
                    topics.computeIfAbsent(key.substring("difference.".length()), k -> new TreeMap<>())
                            .put(major, p.getProperty(key));
                }
            }
        });
        return topics;
    }

    /** Adds {tests, failures+errors} per JDK major from every report of the JDK runs. */
    static void readReports(Path root, Map<Integer, int[]> unit, Map<Integer, int[]> integration) throws Exception {
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                read(module.resolve("target/surefire-reports"), unit);
                read(module.resolve("target/jdk25/surefire-reports"), unit);
                read(module.resolve("target/failsafe-reports"), integration);
            }
        }
    }

    /**
     * Returns Jupiter version → suite → {tests, failures+errors}, versions in numeric order, from the JDK 17
     * runs of the testkit and the ArchUnit rules under {@code target} and {@code target/junit6}.
     */
    static Map<String, Map<String, int[]>> junitReports(Path root) throws Exception {
        Map<String, Map<String, int[]>> rows = new TreeMap<>(CompatibilityTable::compareVersions);
        for (String suite : JUNIT_SUITES) {
            String module = suite.substring(0, suite.indexOf(' '));
            String reports = suite.endsWith("integration tests") ? "failsafe-reports" : "surefire-reports";
            for (String target : List.of("target", "target/junit6")) {
                Path dir = root.resolve(module).resolve(target).resolve(reports);
                Map<String, int[]> counts = new TreeMap<>();
                readByJupiter(dir, counts);
                counts.forEach((jupiter, c) -> {
                    int[] total = rows.computeIfAbsent(jupiter, k -> new TreeMap<>())
                            .computeIfAbsent(suite, k -> new int[2]);
                    total[0] += c[0];
                    total[1] += c[1];
                });
            }
        }
        return rows;
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static void readByJupiter(Path dir, Map<String, int[]> counts) throws Exception {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> reports;
        try (Stream<Path> files = Files.list(dir)) {
            reports = files.filter(CompatibilityTable::isReport).sorted().collect(Collectors.toList());
        }
        Pattern api = Pattern.compile("junit-jupiter-api-(\\d+(?:\\.\\d+)*)\\.jar");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            Element suite = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
            String jupiter = null;
            String java = null;
            NodeList properties = suite.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                String name = property.getAttribute("name");
                if (name.equals("java.version")) {
                    java = property.getAttribute("value");
                } else if (name.equals("surefire.test.class.path") || name.equals("java.class.path")) {
                    Matcher m = api.matcher(property.getAttribute("value"));
                    if (m.find()) {
                        jupiter = m.group(1);
                    }
                }
            }
            if (jupiter == null || java == null || major(java) != 17) {
                continue;
            }
            int[] c = counts.computeIfAbsent(jupiter, k -> new int[2]);
            c[0] += number(suite, "tests") - number(suite, "skipped");
            c[1] += number(suite, "failures") + number(suite, "errors");
        }
    }

    static boolean hasJdk25Reports(Path root) throws IOException {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("target/jdk25/surefire-reports")).anyMatch(dir -> {
                try (Stream<Path> files = Files.list(dir)) {
                    return files.anyMatch(CompatibilityTable::isReport);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static boolean isReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml");
    }

    private static void read(Path dir, Map<Integer, int[]> counts) throws Exception {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> reports;
        try (Stream<Path> files = Files.walk(dir)) {
            reports = files.filter(CompatibilityTable::isReport).sorted().collect(Collectors.toList());
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        for (Path report : reports) {
            Document doc = factory.newDocumentBuilder().parse(report.toFile());
            Element suite = doc.getDocumentElement();
            String version = null;
            NodeList properties = suite.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                if (property.getAttribute("name").equals("java.version")) {
                    version = property.getAttribute("value");
                }
            }
            if (version == null) {
                continue;
            }
            int[] c = counts.computeIfAbsent(major(version), k -> new int[2]);
            c[0] += number(suite, "tests") - number(suite, "skipped");
            c[1] += number(suite, "failures") + number(suite, "errors");
        }
    }

    static int major(String javaVersion) {
        Matcher m = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(javaVersion);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int number(Element e, String attribute) {
        String v = e.getAttribute(attribute);
        return v.isEmpty() ? 0 : Integer.parseInt(v.trim());
    }

    static Properties pomProperties(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Properties p = new Properties();
        NodeList blocks = doc.getDocumentElement().getElementsByTagName("properties");
        for (int b = 0; b < blocks.getLength(); b++) {
            Element block = (Element) blocks.item(b);
            if (block.getParentNode() != doc.getDocumentElement()) {
                continue;
            }
            NodeList children = block.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    p.setProperty(e.getTagName(), e.getTextContent().trim());
                }
            }
        }
        return p;
    }

    /** Returns a line diff: {@code -} lines only in the old text, {@code +} lines only in the new. */
    static String diff(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder("--- README.md (now)\n+++ README.md (from the results)\n");
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                out.append("+ ").append(b.get(j++)).append('\n');
            } else {
                out.append("- ").append(a.get(i++)).append('\n');
            }
        }
        return out.toString();
    }
}
