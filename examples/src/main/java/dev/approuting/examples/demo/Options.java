package dev.approuting.examples.demo;

import org.jspecify.annotations.Nullable;

/**
 * The demo's command-line options.
 *
 * @param url a JDBC URL of a server to use instead of the embedded one, or {@code null}
 * @param user the role to connect as (it must be able to create databases and roles)
 * @param password its password
 * @param help whether to print the usage and stop
 * @param problem what is wrong with the arguments, or {@code null}
 */
record Options(
        @Nullable String url,
        String user,
        String password,
        boolean help,
        @Nullable String problem) {
    static final String USAGE = """
            usage: ./demo [--url JDBC_URL [--user USER]]

              (no options)     start an embedded PostgreSQL, run the demo on it, stop it
              --url JDBC_URL   use this server instead, e.g. jdbc:postgresql://localhost:5432/postgres;
                               the demo creates databases and roles there (users, buildsense, maven,
                               pypi, notifications, and *_owner / *_dev_NNNN roles): use a disposable server
              --user USER      a role that may create databases and roles (default: postgres);
                               its password comes from the PGPASSWORD environment variable
              --help           this text""";

    static Options parse(String... args) {
        String url = null;
        String user = "postgres";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new Options(url, user, "", true, null);
                }
                case "--url", "--user" -> {
                    if (i + 1 >= args.length) {
                        return new Options(url, user, "", false, "option " + args[i] + " needs a value");
                    }
                    if (args[i].equals("--url")) {
                        url = args[++i];
                    } else {
                        user = args[++i];
                    }
                }
                default -> {
                    return new Options(url, user, "", false, "unknown option '" + args[i] + "'");
                }
            }
        }
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        return new Options(url, user, password, false, null);
    }
}
