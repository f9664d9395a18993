package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

/** The start-up group's row for a service started with an AppCDS archive. */
final class StartupRows {
    private StartupRows() {}

    static Row appCds(CoreRuns.AppCds cds) {
        CoreRuns.ColdStart a = cds.archived();
        CoreRuns.ColdStart p = cds.plain();
        return new Row(
                "the same in a fresh JVM with an AppCDS archive of the service (one training run with"
                        + " `-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`; "
                        + number(cds.archiveKb() / 1024.0, 1)
                        + " MiB)",
                "p50 " + number(a.p50Ms(), 1) + " ms; JVM start to `main` " + number(a.jvmToMainMs(), 0)
                        + " ms, logging start " + number(a.loggingMs(), 0) + " ms, whole process "
                        + number(cds.archivedWallMs(), 0) + " ms (" + a.runs() + " JVMs)",
                "without (alternating): p50 " + number(p.p50Ms(), 1) + " ms; JVM start to `main` "
                        + number(p.jvmToMainMs(), 0) + " ms, logging start " + number(p.loggingMs(), 0)
                        + " ms, whole process " + number(cds.plainWallMs(), 0) + " ms",
                number(p.p50Ms() / a.p50Ms(), 1) + "× faster; whole process "
                        + number(cds.plainWallMs() / cds.archivedWallMs(), 1) + "×",
                "≤ 20 ms until first use",
                Row.Verdict.of(a.p50Ms() <= 20));
    }
}
