package dev.approuting.flyway;

import dev.approuting.core.AppName;

/**
 * One SQL migration script of an app, as found under its Flyway locations.
 *
 * @param app the app
 * @param path the path relative to its location, such as {@code V2__add_note.sql}
 * @param content the script's text (UTF-8); when two locations hold the same path, one script each
 */
public record MigrationScript(AppName app, String path, String content) {
    /** Returns the file name, without the folders of {@link #path()}. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * Returns the Flyway version of a versioned script ({@code V1_2__x.sql} is {@code 1.2}), or an empty
     * string for a repeatable one.
     */
    public String version() {
        String name = name();
        int separator = name.indexOf("__");
        if (!name.startsWith("V") || separator < 2) {
            return "";
        }
        return name.substring(1, separator).replace('_', '.');
    }
}
