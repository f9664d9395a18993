package dev.approuting.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results table of the suite: each test records what it measured under a guarantee's name, and
 * {@code guarantees.md} in the build directory (Maven passes it as {@code approuting.build.directory};
 * {@code target} without it) is rewritten at once, so the table survives a run that stops half-way and
 * merges the unit-test and integration-test JVMs (a row recorded again replaces the old one).
 */
final class Guarantees {
    private static final Path DIRECTORY = Path.of(System.getProperty("approuting.build.directory", "target"));
    static final Path FILE = DIRECTORY.resolve("guarantees.md");
    private static final String HEADER = "| area | guarantee | measured |";
    private static final String RULE = "| --- | --- | --- |";

    private Guarantees() {}

    /** Records the measured result of {@code guarantee} in {@code area}. */
    static synchronized void record(String area, String guarantee, String measured) {
        Map<String, String> rows = read();
        rows.put(area + " | " + guarantee, measured);
        List<String> lines = new ArrayList<>();
        lines.add("# Guarantees measured by the reliability suite");
        lines.add("");
        lines.add(HEADER);
        lines.add(RULE);
        rows.forEach((key, value) -> lines.add("| " + key + " | " + value.replace("|", "\\|") + " |"));
        try {
            Files.createDirectories(DIRECTORY);
            Files.write(FILE, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> read() {
        Map<String, String> rows = new LinkedHashMap<>();
        if (!Files.exists(FILE)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                if (!line.startsWith("| ") || line.equals(HEADER) || line.equals(RULE)) {
                    continue;
                }
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ", 3);
                if (cells.length == 3) {
                    rows.put(cells[0] + " | " + cells[1], cells[2].replace("\\|", "|"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
