package dev.approuting.examples.boot;

import static dev.approuting.examples.ingestion.db.Tables.INGESTED_FILE;

import dev.approuting.examples.services.buildsenseapi.BuildsenseApi;
import dev.approuting.examples.users.Accounts;
import dev.approuting.spring.boot.App;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web API: {@code POST /builds} signs the user up in the {@code users} database when new, then records
 * the build, its files and its processing job in the {@code buildsense} database; {@code GET
 * /builds/{id}/files} reads through the {@code ingestion} app's context.
 */
@RestController
public class BuildsController {
    private final BuildsenseApi api;
    private final Accounts accounts;
    private final DSLContext ingestion;

    /** Spring Boot creates it. */
    // readme:app-dsl:begin
    public BuildsController(BuildsenseApi api, Accounts accounts, @App("ingestion") DSLContext ingestion) {
        // readme:app-dsl:end
        this.api = api;
        this.accounts = accounts;
        this.ingestion = ingestion;
    }

    /** What {@code POST /builds} takes. */
    public record BuildRequest(String email, String name, String repo, String branch, Map<String, Long> files) {}

    /** What {@code POST /builds} answers. */
    public record BuildCreated(long build, boolean newAccount) {}

    /** Records a build, signing its user up first when new. */
    @PostMapping("/builds")
    @ResponseStatus(HttpStatus.CREATED)
    public BuildCreated record(@RequestBody BuildRequest request) {
        boolean newAccount = accounts.find(request.email()).isEmpty();
        if (newAccount) {
            accounts.signUp(request.email(), request.name());
        }
        long build = api.recordBuild(request.email(), request.repo(), request.branch(), request.files());
        return new BuildCreated(build, newAccount);
    }

    /** Counts the files received for a build. */
    @GetMapping("/builds/{build}/files")
    public Map<String, Integer> files(@PathVariable long build) {
        int files = ingestion.fetchCount(INGESTED_FILE, INGESTED_FILE.BUILD_ID.eq(build));
        return Map.of("files", files);
    }
}
