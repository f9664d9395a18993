package dev.approuting.cli.internal;

import dev.approuting.core.support.Connections;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The command line's URL options ({@code --url}, {@code --trace-url}, {@code --admin-url}): a password inside
 * the URL is visible to every user of the machine in the process list, so it is warned about, and messages
 * show the URL only through {@link Connections#redacted(String)}. Passwords belong in the options' password
 * file or environment variable ({@code PGPASSWORD}, {@code ROUTING_TRACE_PASSWORD}).
 */
final class UrlOptions {
    private UrlOptions() {}

    /**
     * Warns on {@code err} when {@code url} carries a password, naming {@code option} and where the password
     * should come from instead.
     *
     * @return whether it carries one
     */
    static boolean warnAboutPassword(PrintWriter err, String option, String url, String instead) {
        boolean inUrl = url.toLowerCase(Locale.ROOT).contains("password=") || url.matches("(?s).*//[^/@?]*@.*");
        if (inUrl) {
            err.println("warning: " + option + " " + Connections.redacted(url)
                    + " carries a password, which other users of this machine can read in the process list: "
                    + instead);
            err.flush();
        }
        return inUrl;
    }
}
