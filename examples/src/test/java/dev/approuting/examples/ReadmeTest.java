package dev.approuting.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.examples.routing.CompanyRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the README from rotting: its code is the project's code, its commands exist. */
class ReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static List<String> blocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme());
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(m.group(2));
            }
        }
        return blocks;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void everyJavaBlockIsCodeThatCompilesInThisProject() throws IOException {
        Map<Path, List<String>> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/"))
                    .collect(Collectors.toMap(p -> p, p -> {
                        try {
                            return lines(Files.readString(p));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
        List<String> javaBlocks = blocks("java");
        assertThat(javaBlocks).hasSizeGreaterThanOrEqualTo(6);
        for (String block : javaBlocks) {
            List<String> wanted = lines(block);
            boolean found = sources.values().stream()
                    .anyMatch(source -> java.util.Collections.indexOfSubList(source, wanted) >= 0);
            assertThat(found)
                    .as("README java block is not in any source file:%n%s", block)
                    .isTrue();
        }
    }

    @Test
    void theRoutingTableExcerptIsWhatTheRegistryRenders() throws IOException {
        String excerpt = blocks("").stream()
                .filter(b -> b.startsWith("SERVICE"))
                .findFirst()
                .orElseThrow();
        List<String> rendered = CompanyRegistry.build().routingTable().lines().toList();
        List<String> shown = excerpt.lines().filter(l -> !l.equals("…")).toList();
        assertThat(rendered).containsSubsequence(shown);
    }

    @Test
    void everyCommandItNamesExistsAndEveryCommandIsListed() throws IOException {
        Matcher row = Pattern.compile("^\\| `([a-z-]+)` \\|", Pattern.MULTILINE).matcher(readme());
        List<String> listed = new ArrayList<>();
        while (row.find()) {
            listed.add(row.group(1));
        }
        for (String shell : blocks("shell")) {
            for (String line : shell.lines().toList()) {
                Matcher command = Pattern.compile("^(?:toolshed|java -jar \\S+routing\\.jar) ([a-z-]+)")
                        .matcher(line);
                if (command.find()) {
                    assertThat(help(command.group(1))).as(line).isZero();
                }
            }
        }
        StringWriter out = new StringWriter();
        RoutingCommandLine.run(
                CompanyRegistry.build(), new PrintWriter(out), new PrintWriter(new StringWriter()), "--help");
        List<String> commands = out.toString()
                .lines()
                .dropWhile(l -> !l.startsWith("Commands:"))
                .skip(1)
                .filter(l -> l.matches("  [a-z][a-z-]*(\\s{2}.*)?"))
                .map(l -> l.strip().split("\\s+", 2)[0])
                .toList();
        assertThat(commands).isNotEmpty();
        assertThat(listed).containsAll(commands);
        listed.forEach(command -> assertThat(help(command)).as(command).isZero());
    }

    private static int help(String command) {
        return RoutingCommandLine.run(
                CompanyRegistry.build(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                command,
                "--help");
    }
}
