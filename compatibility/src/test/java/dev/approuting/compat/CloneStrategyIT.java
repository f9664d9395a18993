package dev.approuting.compat;

import static dev.approuting.compat.CompatibilityRun.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbName;
import dev.approuting.testkit.internal.CloneStrategy;
import dev.approuting.testkit.internal.FlywaySchemaMigrator;
import dev.approuting.testkit.internal.ServerAdmin;
import dev.approuting.testkit.internal.Template;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The testkit's template and clones through its programmatic API: {@code CREATE DATABASE … STRATEGY}
 * exists from PostgreSQL 15 only; the testkit uses it there (trying both strategies, keeping the
 * faster) and leaves it out before.
 */
@Check("template-clone")
class CloneStrategyIT {
    private static final DbName SHOP = DbName.of("shop");

    @Test
    void clonesAMigratedTemplateWithTheStrategiesTheServerHas(CompatibilityRun run) throws SQLException {
        Template template = run.runtime().template(SHOP, Fleet.SHOP_APPS, FlywaySchemaMigrator.defaults());
        List<Template.Clone> clones = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Template.Clone clone = template.take();
                clones.add(clone);
                try (Connection c = CompatibilityRun.connect(template.credentials(clone.name()))) {
                    assertThat(single(c, "SELECT note FROM billing.item")).isEqualTo("shop.billing");
                }
            }
        } finally {
            clones.forEach(template::release);
        }
        assertThat(clones.stream().map(Template.Clone::name)).doesNotHaveDuplicates();
        if (run.major() >= 15) {
            assertThat(template.strategy()).isIn(CloneStrategy.WAL_LOG, CloneStrategy.FILE_COPY);
        } else {
            assertThat(template.strategy()).isEqualTo(CloneStrategy.DEFAULT);
        }
    }

    @Test
    void theStrategyClauseIsLeftOutWhereTheServerLacksIt(CompatibilityRun run) throws SQLException {
        Template template = run.runtime().template(SHOP, Fleet.SHOP_APPS, FlywaySchemaMigrator.defaults());
        ServerAdmin admin = run.runtime().admin();
        String viaTestkit = "compat_clone_" + run.major();
        admin.cloneFrom(template.name(), viaTestkit, CloneStrategy.FILE_COPY, SHOP);
        admin.drop(viaTestkit, SHOP);

        String raw = "CREATE DATABASE compat_raw_clone TEMPLATE " + template.name() + " STRATEGY WAL_LOG";
        try (Connection c = run.connect(run.server().adminDatabase());
                Statement st = c.createStatement()) {
            if (run.major() >= 15) {
                st.execute(raw);
                st.execute("DROP DATABASE compat_raw_clone");
                run.results()
                        .difference(
                                "create-database-strategy", "STRATEGY WAL_LOG or FILE_COPY, whichever clones faster");
            } else {
                assertThatThrownBy(() -> st.execute(raw))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42601"));
                run.results().difference("create-database-strategy", "no STRATEGY clause; clones without it");
            }
        }
    }
}
