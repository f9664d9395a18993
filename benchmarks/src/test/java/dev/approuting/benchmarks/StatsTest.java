package dev.approuting.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void pairedRatioIsTheGeometricMeanWithATIntervalOnTheLogScale() {
        Stats.RatioInterval r = Stats.pairedRatio(List.of(0.9, 1.0, 1.1, 0.95, 1.05));

        // logs: mean -0.00251, sample sd 0.07932, se 0.03547, t(4) = 2.776
        assertThat(r.ratio()).isCloseTo(0.99749, within(1e-5));
        assertThat(r.low()).isCloseTo(Math.exp(-0.00251 - 2.776 * 0.03547), within(1e-4));
        assertThat(r.high()).isCloseTo(Math.exp(-0.00251 + 2.776 * 0.03547), within(1e-4));
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.text(3)).isEqualTo("0.997 (95 % CI 0.904–1.101, 5 pairs)");
    }

    @Test
    void identicalRatiosGiveAnIntervalOfZeroWidthAndMorePairsANarrowerOne() {
        Stats.RatioInterval same = Stats.pairedRatio(List.of(0.8, 0.8, 0.8));
        assertThat(same.low()).isCloseTo(0.8, within(1e-12));
        assertThat(same.high()).isCloseTo(0.8, within(1e-12));

        Stats.RatioInterval few = Stats.pairedRatio(List.of(0.9, 1.1, 0.9, 1.1));
        Stats.RatioInterval many = Stats.pairedRatio(List.of(0.9, 1.1, 0.9, 1.1, 0.9, 1.1, 0.9, 1.1, 0.9, 1.1));
        assertThat(many.high() - many.low()).isLessThan(few.high() - few.low());
        assertThat(few.low()).isLessThan(few.ratio());
    }

    @Test
    void studentQuantilesFollowTheTableAndApproachTheNormal() {
        assertThat(Stats.studentT975(1)).isEqualTo(12.706);
        assertThat(Stats.studentT975(30)).isEqualTo(2.042);
        assertThat(Stats.studentT975(31)).isCloseTo(2.040, within(1e-3));
        assertThat(Stats.studentT975(120)).isCloseTo(1.980, within(1e-3));
        assertThat(Stats.studentT975(100_000)).isCloseTo(1.960, within(1e-3));
    }

    @Test
    void tooFewPairsOrANonPositiveRatioAreRefused() {
        assertThatThrownBy(() -> Stats.pairedRatio(List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an interval needs at least 2 pairs, got 1");
        assertThatThrownBy(() -> Stats.pairedRatio(List.of(1.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }
}
