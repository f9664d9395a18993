package dev.approuting.reliability;

import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ten logical databases {@code r01}…{@code r10}, each with the app {@code slow} whose three migrations
 * each create a table, pause 0.2 s and insert a row; named with {@code --registry-class} by the
 * {@code routing} processes the tests start and kill.
 */
public final class SlowRegistry implements RegistryProvider {
    static final List<DbName> DBS = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> DbName.of(String.format(java.util.Locale.ROOT, "r%02d", i)))
            .toList();
    static final int MIGRATIONS = 3;

    @Override
    public DbRouterRegistry registry() {
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder();
        DBS.forEach(db ->
                builder.router(PerAppDbRouter.forDb(db.value()).apps("slow").build()));
        return builder.build();
    }
}
