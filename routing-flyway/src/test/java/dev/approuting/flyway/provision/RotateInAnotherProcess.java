package dev.approuting.flyway.provision;

import dev.approuting.core.DbName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code init-db --reader --rotate --retire-old} a few times in a process of its own, for
 * {@link ProvisioningSafetyIT}: {@code ADMIN_URL SECRETS_DIR DB RUNS NAMESPACE...}.
 */
final class RotateInAnotherProcess {
    private RotateInAnotherProcess() {}

    public static void main(String[] args) {
        String adminUrl = args[0];
        Path secrets = Path.of(args[1]);
        DbName db = DbName.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        List<String> namespaces = Arrays.asList(args).subList(4, args.length);
        for (int i = 0; i < runs; i++) {
            DatabaseProvisioner.configure(adminUrl, "postgres", "unused")
                    .apps(dev.approuting.core.AppName.listOf("sales"))
                    .secretsDir(secrets)
                    .reader(true)
                    .rotate(true)
                    .retireOld(true)
                    .load()
                    .initDb(db, namespaces);
        }
    }
}
