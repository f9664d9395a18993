package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the linter on the corpus written from the peers' documentation and prints recall and
 * false-positive rate per rule and overall: the build fails under 97 % recall or over 3 % false
 * positives.
 */
class CorpusScoreTest {
    static final double MIN_RECALL = 0.97;
    static final double MAX_FALSE_POSITIVES = 0.03;

    @Test
    void theCorpusIsLargeBalancedAndSourced() {
        List<Corpus.Case> cases = Corpus.cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        long safe = cases.stream().filter(c -> !c.unsafe()).count();
        assertThat((double) safe / cases.size()).as("share of safe cases").isBetween(0.4, 0.6);
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.source()).as(c.id()).startsWith("https://");
            assertThat(c.peer()).as(c.id()).isNotBlank();
            assertThat(c.unsafe() ? c.rules() : List.of())
                    .as(c.id() + " names a rule")
                    .isNotNull();
            if (c.unsafe()) {
                assertThat(c.rules()).as(c.id() + " names the rule it expects").isNotEmpty();
                c.rules()
                        .forEach(r -> assertThat(LintRule.byId(r))
                                .as(c.id() + ": " + r)
                                .isPresent());
            }
        });
        assertThat(cases.stream().map(Corpus.Case::id).distinct().count()).isEqualTo(cases.size());
    }

    @Test
    void recallAndFalsePositiveRateMeetTheBar(@TempDir Path dir) {
        Corpus.Score score = Corpus.score(dir);

        String wrong = score.outcomes().stream()
                .filter(o -> !o.right())
                .map(o -> "  " + o.c().id() + ": expected " + (o.c().unsafe() ? o.c().rules() : "safe") + ", errors "
                        + o.errors())
                .collect(Collectors.joining("\n"));
        System.out.printf(
                "migration-lint corpus: %d cases (%d unsafe, %d safe)%n%s%ncases scored differently:%n%s%n",
                score.outcomes().size(),
                score.unsafe(),
                score.safe(),
                score.table(),
                wrong.isEmpty() ? "  none" : wrong);

        assertThat(score.recall()).as("recall; misses:\n" + wrong).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(score.falsePositiveRate())
                .as("false-positive rate; misses:\n" + wrong)
                .isLessThanOrEqualTo(MAX_FALSE_POSITIVES);
    }
}
