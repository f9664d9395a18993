package dev.approuting.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of one run as a Markdown table, headed by where and when it ran, to paste into the
 * README as it is printed.
 */
public final class ResultTable {
    private static final List<String> HEADER =
            List.of("benchmark", "approuting", "baseline (same run)", "ratio", "target", "met");

    private final List<String> context;
    private final List<Row> rows = new ArrayList<>();

    /**
     * Starts a table.
     *
     * @param context lines saying where and when it ran (machine, JDK, PostgreSQL, date, load)
     */
    public ResultTable(List<String> context) {
        this.context = List.copyOf(context);
    }

    /** Adds a row. */
    public void add(Row row) {
        rows.add(row);
    }

    /** Returns the rows added so far. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Returns how many rows missed their target. */
    public long missed() {
        return rows.stream().filter(r -> r.verdict() == Row.Verdict.MISSED).count();
    }

    /** Renders the context as a bullet list, then the rows as a Markdown table. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        context.forEach(line -> out.append("- ").append(line).append('\n'));
        if (!context.isEmpty()) {
            out.append('\n');
        }
        out.append(line(HEADER));
        out.append(line(HEADER.stream().map(h -> "---").toList()));
        for (Row r : rows) {
            out.append(line(List.of(
                    r.benchmark(),
                    r.measured(),
                    r.baseline(),
                    r.ratio(),
                    r.target(),
                    r.verdict().cell())));
        }
        return out.toString();
    }

    /** Formats a number with {@code decimals} digits after the point, independent of the locale. */
    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String line(List<String> cells) {
        StringBuilder out = new StringBuilder("|");
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return out.append('\n').toString();
    }
}
