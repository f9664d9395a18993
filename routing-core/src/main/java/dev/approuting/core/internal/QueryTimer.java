package dev.approuting.core.internal;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Times each query of one app's context: from just before it is sent to when its results are read. */
public final class QueryTimer implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final String STARTED = "approuting.query.started";

    private final transient Timer timer;

    public QueryTimer(Timer timer) {
        this.timer = timer;
    }

    @Override
    public void executeStart(ExecuteContext context) {
        context.data(STARTED, System.nanoTime());
    }

    @Override
    public void end(ExecuteContext context) {
        if (context.data(STARTED) instanceof Long started) {
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
