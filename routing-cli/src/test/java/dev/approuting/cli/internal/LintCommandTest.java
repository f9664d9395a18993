package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code routing lint}: exit codes, formats parsed back, paths and configuration. */
class LintCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void migrations() throws IOException {
        write("V1__create.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        write("V2__index.sql", "CREATE INDEX CONCURRENTLY users_email ON users (email);\n");
    }

    private int run(String... args) {
        return new CommandLine(new LintCommand(new PrintWriter(out, true), new PrintWriter(err, true), Map.of()))
                .execute(args);
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    @Test
    void cleanMigrationsExitZero() {
        assertThat(run(dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("2 file(s), 2 statement(s): no findings");
    }

    @Test
    void errorFindingsExitOneWithTextReport() throws IOException {
        write("V3__drop.sql", "SET lock_timeout = '2s';\n\nALTER TABLE users DROP COLUMN email;\n");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(out.toString())
                .contains(dir.resolve("V3__drop.sql") + ":3:1: error [drop-column] drops column users.email")
                .contains("    fix: first release code that no longer uses the column")
                .contains("1 error(s), 0 warning(s)");
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        write("V3__nullable.sql", "SET lock_timeout = '2s';\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n");
        assertThat(run(dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("warning [drop-not-null]");
    }

    @Test
    void badInputExitsTwoWithAClearMessage() throws IOException {
        assertThat(run(dir.resolve("nope.sql").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.sql' is neither a file nor a folder");

        write("V4__broken.sql", "SELECT 1;\n/* never closed\n");
        assertThat(run(dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("V4__broken.sql:2:1: unterminated block comment");
    }

    @Test
    void badConfigurationExitsTwo() throws IOException {
        Path config = dir.resolve("routing-lint.properties");
        Files.writeString(config, "pg-versoin=15\nexclude-rules=drop-colum\nseverity.truncate=fatal\n");
        assertThat(run("--config", config.toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString())
                .contains("unknown key 'pg-versoin' (did you mean 'pg-version'?)")
                .contains("unknown rule 'drop-colum' (did you mean 'drop-column'?)")
                .contains("severity.truncate must be error or warning, got 'fatal'");
        assertThat(run("--format", "yaml", dir.toString())).isEqualTo(2);
        assertThat(run("--exclude-rule", "nosuch", dir.toString())).isEqualTo(2);
        assertThat(run("--pg-version", "7", dir.toString())).isEqualTo(2);
    }

    @Test
    void configurationFileGivesPathsRulesAndVersion() throws IOException {
        write(
                "V3__drop.sql",
                "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users ADD COLUMN b bool DEFAULT true;\n");
        Path config = dir.resolve("lint.properties");
        Files.writeString(
                config,
                "paths=" + dir.toString().replace("\\", "/") + "\n"
                        + "exclude-rules=lock-timeout-missing\n"
                        + "severity.drop-column=warning\n"
                        + "pg-version=10\n");
        assertThat(run("--config", config.toString(), "--format", "json")).isEqualTo(1);
        List<String> rules = new ArrayList<>();
        parse(out.toString())
                .get("files")
                .get(2)
                .get("findings")
                .forEach(f -> rules.add(
                        f.get("rule").asText() + ":" + f.get("severity").asText()));
        assertThat(rules).containsExactly("drop-column:warning", "volatile-default:error");
    }

    @Test
    void jsonHasOneEntryPerFileInFlywayOrder() throws IOException {
        write("V10__drop.sql", "ALTER TABLE users DROP COLUMN email;");
        write("V9__add.sql", "ALTER TABLE users ADD COLUMN nick text;");
        assertThat(run("--format", "json", "--runner-sets-lock-timeout", dir.toString()))
                .isEqualTo(1);
        JsonNode root = parse(out.toString());
        assertThat(root.fieldNames()).toIterable().containsExactly("files");
        JsonNode files = root.get("files");
        assertThat(files).hasSize(4);
        assertThat(files.get(2).get("path").asText()).endsWith("V9__add.sql");
        assertThat(files.get(2).get("findings")).isEmpty();
        JsonNode finding = files.get(3).get("findings").get(0);
        assertThat(finding.fieldNames())
                .toIterable()
                .containsExactly("rule", "severity", "line", "column", "statement", "message", "fix");
        assertThat(finding.get("rule").asText()).isEqualTo("drop-column");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("line").asInt()).isEqualTo(1);
        assertThat(finding.get("column").asInt()).isEqualTo(1);
        assertThat(finding.get("statement").asText()).isEqualTo("ALTER TABLE users DROP COLUMN email");
    }

    @Test
    void sarifIsValidTwoPointOne() throws IOException {
        write("V3__drop.sql", "DROP TABLE users;");
        assertThat(run("--format", "sarif", "--runner-sets-lock-timeout", dir.toString()))
                .isEqualTo(1);
        JsonNode root = parse(out.toString());
        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("routing-lint");
        assertThat(run.get("results")).hasSize(1);
        JsonNode result = run.get("results").get(0);
        assertThat(result.get("ruleId").asText()).isEqualTo("drop-table");
        assertThat(result.get("level").asText()).isEqualTo("error");
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText()).endsWith("V3__drop.sql");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(1);
        List<String> ruleIds = new ArrayList<>();
        run.get("tool")
                .get("driver")
                .get("rules")
                .forEach(r -> ruleIds.add(r.get("id").asText()));
        assertThat(ruleIds).contains("drop-table");
    }

    @Test
    void githubFormatWritesWorkflowAnnotations() throws IOException {
        write("V3__drop.sql", "\n  DROP TABLE users;");
        write("V4__nn.sql", "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;");
        assertThat(run("--format", "github", "--runner-sets-lock-timeout", dir.toString()))
                .isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith(
                        "::error file=" + dir.resolve("V3__drop.sql").toString().replace(":", "%3A")
                                + ",line=2,col=3,title=drop-table::drops table users");
        assertThat(lines.get(1)).startsWith("::warning file=").contains(",line=1,col=1,title=drop-not-null::");
    }

    @Test
    void globsSelectFiles() throws IOException {
        write("V3__drop.sql", "DROP TABLE users;");
        write("notes.txt", "DROP TABLE users;");
        assertThat(run("--format", "json", dir.toString().replace("\\", "/") + "/V[12]__*.sql"))
                .isEqualTo(0);
        assertThat(parse(out.toString()).get("files")).hasSize(2);
    }

    @Test
    void strictSeedAndPgVersionFlags() throws IOException {
        write("V3__add.sql", "ALTER TABLE users ADD COLUMN nick text;");
        assertThat(run("--runner-sets-lock-timeout", dir.toString())).isEqualTo(0);
        assertThat(run("--strict-seed", "--runner-sets-lock-timeout", dir.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("[strict-seed-column]");
    }

    private static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }
}
