package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    @Test
    void rendersContextThenOneTableRowPerResult() {
        ResultTable table = new ResultTable(List.of("machine: 2 cores", "JDK: 17"));
        table.add(new Row("routed query", "98.0 ops/ms", "100.0 ops/ms", "0.980", "≥ 0.98", Row.Verdict.MET));
        table.add(Row.reported("pool memory", "120 KiB"));

        assertThat(table.markdown()).isEqualTo("""
                        - machine: 2 cores
                        - JDK: 17

                        | benchmark | approuting | baseline (same run) | ratio | target | met |
                        | --- | --- | --- | --- | --- | --- |
                        | routed query | 98.0 ops/ms | 100.0 ops/ms | 0.980 | ≥ 0.98 | yes |
                        | pool memory | 120 KiB | – | – | – | – |
                        """);
    }

    @Test
    void escapesPipesAndLineBreaksSoACellStaysOneCell() {
        ResultTable table = new ResultTable(List.of());
        table.add(new Row("a|b", "1\n2", "–", "–", "–", Row.Verdict.MISSED));

        assertThat(table.markdown()).endsWith("| a\\|b | 1 2 | – | – | – | **no** |\n");
    }

    @Test
    void countsMissedTargets() {
        ResultTable table = new ResultTable(List.of());
        table.add(new Row("x", "1", "2", "0.5", "≥ 1", Row.Verdict.of(false)));
        table.add(new Row("y", "3", "2", "1.5", "≥ 1", Row.Verdict.of(true)));

        assertThat(table.missed()).isEqualTo(1);
    }

    @Test
    void formatsNumbersWithoutTheLocale() {
        assertThat(ResultTable.number(12345.678, 1)).isEqualTo("12,345.7");
    }

    @Test
    @SuppressWarnings("NullAway") // a missing cell on purpose
    void rejectsAMissingCell() {
        assertThatThrownBy(() -> new Row("x", null, "–", "–", "–", Row.Verdict.REPORTED))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("measured");
    }
}
