package dev.approuting.flyway.provision;

import dev.approuting.core.DbName;
import java.util.List;

/**
 * What {@link DatabaseProvisioner#initDb} did to one logical database: each object it looked at, with
 * whether it was created, already present, changed or dropped, and the login of each namespace.
 *
 * <p>A second run with the same settings reports every object as {@link Outcome#PRESENT}: see
 * {@link #changedNothing()}. Holds no password in {@link #toString()}.
 *
 * @param db the logical database
 * @param ownerRole the role owning the database and the apps' schemas ({@code {db}_owner})
 * @param steps every object looked at, in the order it was handled
 * @param logins the login of each namespace, in the order the namespaces were given
 * @param readers the read-only login of each namespace, when {@code reader(true)} asked for them (else empty)
 */
public record InitDbResult(
        DbName db, String ownerRole, List<Step> steps, List<NamespaceLogin> logins, List<NamespaceLogin> readers) {
    /** Copies the lists. */
    public InitDbResult {
        steps = List.copyOf(steps);
        logins = List.copyOf(logins);
        readers = List.copyOf(readers);
    }

    /** A result without reader logins. */
    public InitDbResult(DbName db, String ownerRole, List<Step> steps, List<NamespaceLogin> logins) {
        this(db, ownerRole, steps, logins, List.of());
    }

    /** What happened to one object. */
    public enum Outcome {
        /** It did not exist and was created. */
        CREATED,
        /** It existed as wanted and was left alone. */
        PRESENT,
        /** It existed and was changed to what is wanted (an owner, a grant, a secret's content). */
        CHANGED,
        /** It was dropped (an old login role retired). */
        DROPPED
    }

    /**
     * One object and what happened to it.
     *
     * @param outcome what happened
     * @param subject the object, such as {@code role buildsense_owner} or {@code schema workflow}
     */
    public record Step(Outcome outcome, String subject) {
        @Override
        public String toString() {
            return outcome.name().toLowerCase(java.util.Locale.ROOT) + " " + subject;
        }
    }

    /** Returns the subjects that were created. */
    public List<String> created() {
        return subjects(Outcome.CREATED);
    }

    /** Returns the subjects that were already present as wanted. */
    public List<String> present() {
        return subjects(Outcome.PRESENT);
    }

    /** Returns the subjects that were changed. */
    public List<String> changed() {
        return subjects(Outcome.CHANGED);
    }

    /** Returns the subjects that were dropped. */
    public List<String> dropped() {
        return subjects(Outcome.DROPPED);
    }

    /** Returns whether the run found everything as wanted and changed nothing. */
    public boolean changedNothing() {
        return steps.stream().allMatch(s -> s.outcome() == Outcome.PRESENT);
    }

    /** Returns whether every connection check that ran passed (true when none ran). */
    public boolean checksPassed() {
        return java.util.stream.Stream.concat(logins.stream(), readers.stream())
                .allMatch(l -> l.checkResult().map(ConnectionCheck::ok).orElse(true));
    }

    private List<String> subjects(Outcome outcome) {
        return steps.stream()
                .filter(s -> s.outcome() == outcome)
                .map(Step::subject)
                .toList();
    }
}
