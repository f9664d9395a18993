package dev.approuting.examples.workflow;

import static dev.approuting.examples.workflow.db.Tables.WORK_UNIT;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.examples.AppData;
import java.util.List;
import java.util.Optional;

/**
 * A small work queue any service can use. Each service keeps its queue in the database its routing
 * gives the {@code workflow} app, so unrelated workflows never share state.
 */
public final class WorkQueue extends AppData {
    /** This app. */
    public static final AppName APP = AppName.of("workflow");

    /** Works in the database {@code workflow} is routed to in the service of {@code dbs}. */
    public WorkQueue(RoutedDatabases dbs) {
        super(dbs, APP);
    }

    /** Queues work and returns its id. */
    public long enqueue(String kind, String payload) {
        return dbs.transactionResult(
                APP,
                dsl -> dsl.insertInto(WORK_UNIT)
                        .set(WORK_UNIT.KIND, kind)
                        .set(WORK_UNIT.PAYLOAD, payload)
                        .returning(WORK_UNIT.ID)
                        .fetchSingle(WORK_UNIT.ID));
    }

    /** Takes the oldest pending unit, marking it running; empty when there is none. */
    public Optional<Long> take() {
        return dbs.transactionResult(
                APP,
                dsl -> dsl.select(WORK_UNIT.ID)
                        .from(WORK_UNIT)
                        .where(WORK_UNIT.STATE.eq("pending"))
                        .orderBy(WORK_UNIT.ID)
                        .limit(1)
                        .forUpdate()
                        .skipLocked()
                        .fetchOptional(WORK_UNIT.ID)
                        .map(id -> {
                            dsl.update(WORK_UNIT)
                                    .set(WORK_UNIT.STATE, "running")
                                    .set(WORK_UNIT.ATTEMPTS, WORK_UNIT.ATTEMPTS.plus(1))
                                    .where(WORK_UNIT.ID.eq(id))
                                    .execute();
                            return id;
                        }));
    }

    /** Returns the kinds of the pending units, oldest first. */
    public List<String> pendingKinds() {
        return dbs.dsl(APP)
                .select(WORK_UNIT.KIND)
                .from(WORK_UNIT)
                .where(WORK_UNIT.STATE.eq("pending"))
                .orderBy(WORK_UNIT.ID)
                .fetch(WORK_UNIT.KIND);
    }
}
