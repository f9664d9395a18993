package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutedQueryBenchmarkTest {
    @Test
    void eachPairOfIterationsRunsBothVariantsAndTheOrderFlipsFromPairToPair() {
        List<Boolean> turns = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            turns.add(RoutedQueryBenchmark.measuredTurn(i));
        }

        // baseline, measured | measured, baseline | baseline, measured | measured, baseline
        assertThat(turns).containsExactly(false, true, true, false, false, true, true, false);
    }
}
