package dev.approuting.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.approuting.core.support.Connections;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the secret JSON parser: valid secrets, secrets with random field types, byte-level
 * mutations of a valid secret, deep nesting, long values, control characters and NUL bytes. Every input
 * either parses into credentials whose JDBC URL carries no parameters, or fails with
 * {@link ErrorCode#INVALID_CREDENTIALS} naming the database and the source and never the password; anything
 * else is a crash, and an input taking over a second on each of three tries is a hang.
 *
 * <p>{@code -Dfuzz.inputs=100000} for a long run, {@code -Dfuzz.seed=…} to replay one (the seed is printed).
 */
class SecretFuzzTest {
    private static final DbName DB = DbName.of("fuzzed");
    private static final String SOURCE = "file /secrets/fuzzed";
    private static final String[] FIELDS = {
        "engine", "host", "port", "dbname", "user", "password", "set_role", "sslmode", "sslrootcert"
    };
    private static final long HANG_NANOS = 1_000_000_000L;

    @Test
    void everySecretParsesOrFailsWithTheDocumentedError() {
        int inputs = Integer.getInteger("fuzz.inputs", 3000);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println(
                "secret fuzz: " + inputs + " inputs, seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        warmUp();
        long begun = System.nanoTime();
        int parsed = 0;
        int refused = 0;
        long slowest = 0;
        List<String> crashes = new ArrayList<>();
        for (int i = 0; i < inputs && crashes.size() < 5; i++) {
            String password = "Pw" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "Zq";
            String input = input(random, password);
            long start = System.nanoTime();
            try {
                DbCredentials credentials = DbCredentials.fromSecretJson(DB, SOURCE, input);
                parsed++;
                check(credentials, password, input, crashes, i);
            } catch (RoutingException e) {
                refused++;
                String message = String.valueOf(e.getMessage());
                if (e.code() != ErrorCode.INVALID_CREDENTIALS
                        || !message.contains("'fuzzed'")
                        || !message.contains(SOURCE)
                        || message.contains(password)) {
                    crashes.add("input " + i + ": wrong error " + e.code() + ": " + message);
                }
            } catch (RuntimeException | Error e) {
                crashes.add("input " + i + ": " + e + " for " + shorten(input));
            }
            long took = System.nanoTime() - start;
            if (took > HANG_NANOS) {
                // A pause of a loaded machine is no hang: a hang is an input slow on each of three tries.
                took = Math.min(took, Math.min(retime(input), retime(input)));
            }
            slowest = Math.max(slowest, took);
            if (took > HANG_NANOS) {
                crashes.add("input " + i + " took " + took / 1_000_000 + " ms: " + shorten(input));
            }
        }
        long took = System.nanoTime() - begun;
        System.out.println("secret fuzz: seed " + seed + ": " + parsed + " parsed, " + refused + " refused, "
                + crashes.size() + " crashes, slowest input " + slowest / 1_000_000 + " ms, all " + took / 1_000_000
                + " ms");
        if (!crashes.isEmpty()) {
            fail("seed " + seed + " (replay with -Dfuzz.seed=" + seed + "): " + String.join("\n", crashes));
        }
        assertThat(parsed).as("some inputs are valid secrets").isPositive();
        assertThat(refused).as("some inputs are refused").isPositive();
    }

    private static long retime(String input) {
        long start = System.nanoTime();
        try {
            DbCredentials.fromSecretJson(DB, SOURCE, input);
        } catch (RuntimeException e) {
            // Checked on the first try.
        }
        return System.nanoTime() - start;
    }

    /** Loads the parser's classes first, so that class loading does not count as a hang of the first input. */
    private static void warmUp() {
        Random random = new Random(0);
        for (int i = 0; i < 200; i++) {
            try {
                DbCredentials.fromSecretJson(DB, SOURCE, input(random, "warm-up"));
            } catch (RuntimeException e) {
                // Errors are checked in the run itself.
            }
        }
    }

    private static void check(DbCredentials c, String password, String input, List<String> crashes, int i) {
        if (c.toString().contains(password) && !c.password().equals(password)) {
            crashes.add("input " + i + ": toString shows the password: " + shorten(input));
        }
        if (c.toString().contains("password=" + c.password()) && !c.password().equals("****")) {
            crashes.add("input " + i + ": toString shows the password");
        }
        try {
            if (!Connections.urlParameters(c.jdbcUrl()).isEmpty()) {
                crashes.add("input " + i + ": the JDBC URL carries parameters: " + c.jdbcUrl());
            }
            DbCredentials back = DbCredentials.fromJdbcUrl(c.jdbcUrl(), c.user(), c.password());
            if (!back.dbname().equals(c.dbname()) || back.port() != c.port()) {
                crashes.add("input " + i + ": the JDBC URL does not give back the database: " + c.jdbcUrl());
            }
        } catch (RuntimeException e) {
            crashes.add("input " + i + ": its JDBC URL fails: " + e);
        }
    }

    private static String input(Random r, String password) {
        return switch (r.nextInt(8)) {
            case 0 -> valid(r, password);
            case 1, 2 -> randomFields(r, password);
            case 3, 4, 5 -> mutate(r, valid(r, password));
            case 6 -> nested(r, password);
            default -> mutate(r, mutate(r, randomFields(r, password)));
        };
    }

    private static String valid(Random r, String password) {
        StringBuilder b = new StringBuilder("{\"engine\":\"postgres\",\"host\":\"db")
                .append(r.nextInt(100))
                .append(".internal\",\"port\":")
                .append(1 + r.nextInt(65535))
                .append(",\"dbname\":\"d")
                .append(r.nextInt(100))
                .append("\",\"user\":\"u\",\"password\":\"")
                .append(password)
                .append('"');
        if (r.nextBoolean()) {
            b.append(",\"set_role\":\"owner\"");
        }
        if (r.nextBoolean()) {
            String[] modes = {"disable", "prefer", "require", "verify-ca", "verify-full", "VERIFY-FULL"};
            b.append(",\"sslmode\":\"").append(modes[r.nextInt(modes.length)]).append('"');
        }
        return b.append('}').toString();
    }

    private static String randomFields(Random r, String password) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            String field = r.nextInt(6) == 0 ? randomString(r, 6) : FIELDS[r.nextInt(FIELDS.length)];
            b.append(quote(field)).append(':').append(value(r, field.equals("password") ? password : null, 0));
        }
        return b.append('}').toString();
    }

    private static String value(Random r, @org.jspecify.annotations.Nullable String password, int depth) {
        return switch (r.nextInt(depth > 3 ? 7 : 9)) {
            case 0 -> password != null ? quote(password) : quote(randomString(r, 20));
            case 1 -> quote(randomString(r, r.nextInt(4) == 0 ? 5000 : 12));
            case 2 -> Long.toString(r.nextLong());
            case 3 -> r.nextBoolean() ? "1e400" : "-0.5";
            case 4 -> r.nextBoolean() ? "true" : "null";
            case 5 -> quote("h/db?sslmode=disable&");
            case 6 -> quote("");
            case 7 -> "[" + value(r, null, depth + 1) + "," + value(r, null, depth + 1) + "]";
            default -> "{\"x\":" + value(r, null, depth + 1) + "}";
        };
    }

    private static String nested(Random r, String password) {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 40 : 5000);
        String open = r.nextBoolean() ? "[" : "{\"host\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = valid(r, password);
        return open.repeat(depth) + inner + (r.nextInt(4) == 0 ? "" : close.repeat(depth));
    }

    private static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(6)) {
                case 0 -> b.setCharAt(at, randomChar(r));
                case 1 -> b.insert(at, randomChar(r));
                case 2 -> b.delete(at, Math.min(b.length(), at + 1 + r.nextInt(8)));
                case 3 -> b.setLength(at);
                case 4 -> b.insert(at, b.substring(at, Math.min(b.length(), at + r.nextInt(30))));
                default ->
                    b.insert(
                            at, new String[] {"\\u0000", "\u0000", "\\ud800", "\"", "\\", "{", "[", ","}[r.nextInt(8)]);
            }
        }
        return b.toString();
    }

    private static char randomChar(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> (char) r.nextInt(32);
            case 1 -> "{}[]\":,\\/?&=".charAt(r.nextInt(12));
            case 2 -> (char) (0xD800 + r.nextInt(0x800));
            default -> (char) (32 + r.nextInt(95));
        };
    }

    private static String randomString(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(randomChar(r));
        }
        return b.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 32) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String shorten(String input) {
        String s = input.length() > 200 ? input.substring(0, 200) + "…(" + input.length() + " chars)" : input;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
