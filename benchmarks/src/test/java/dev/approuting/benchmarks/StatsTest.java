package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void nearestRankPercentiles() {
        List<Double> samples = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 6.0, 7.0, 8.0, 9.0);

        assertThat(Stats.median(samples)).isEqualTo(5.0);
        assertThat(Stats.percentile(samples, 95)).isEqualTo(10.0);
        assertThat(Stats.percentile(samples, 0)).isEqualTo(1.0);
    }
}
