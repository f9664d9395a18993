package dev.approuting.benchmarks;

import static dev.approuting.benchmarks.ResultTable.number;

import dev.approuting.admin.AdminServer;
import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.flyway.MigrateAll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin home page of a company of 30 services over 10 databases (3 apps each, migrated), loaded
 * over HTTP from a running {@link AdminServer}: uncached (every load probes the 10 databases, reads
 * their 30 histories, lints nothing pending and renders) and from the server's few-seconds cache
 * (rendering and HTTP only).
 */
final class AdminPageRun {
    static final int DATABASES = 10;
    static final int SERVICES = 30;
    private static final List<String> EVEN = List.of("accounts", "auditlog", "invoices");
    private static final List<String> ODD = List.of("orders", "products", "workflow");

    private AdminPageRun() {}

    /** The registry: database {@code adm_i} holds 3 apps; service {@code svc_k} uses an even and an odd one. */
    static DbRouterRegistry registry() {
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder().adminService("toolshed");
        for (int i = 0; i < DATABASES; i++) {
            builder.router(PerAppDbRouter.forDb("adm_" + i)
                    .apps((i % 2 == 0 ? EVEN : ODD).toArray(String[]::new))
                    .build());
        }
        for (int k = 0; k < SERVICES; k++) {
            int even = 2 * (k % (DATABASES / 2));
            builder.service("team_" + (k % 6) + "/svc_" + k, "adm_" + even, "adm_" + (even + 1));
        }
        return builder.build();
    }

    static List<Row> run(BenchServer server, Profile profile) {
        DbRouterRegistry registry = registry();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < DATABASES; i++) {
            names.add("adm_" + i);
        }
        server.recreate(names);
        List<DbName> dbs = names.stream().map(DbName::of).toList();
        MigrateAll.configure(registry)
                .credentials(server.credentials(dbs))
                .load()
                .run()
                .orThrow();
        int loads = Math.max(20, profile.rounds() * 20);
        try {
            Timing cached = measure(registry, server, dbs, Duration.ofMinutes(5), loads);
            Timing uncached = measure(registry, server, dbs, Duration.ZERO, loads);
            return List.of(
                    new Row(
                            "admin home page, " + SERVICES + " services × " + DATABASES + " databases (30 apps), GET /"
                                    + " from the snapshot (render + HTTP; what every load within cacheFor gets)",
                            "p50 " + number(cached.p50(), 1) + " ms, p95 " + number(cached.p95(), 1) + " ms (" + loads
                                    + " loads, " + cached.bytes() / 1024 + " kB)",
                            "–",
                            "–",
                            "< 200 ms (p95)",
                            Row.Verdict.of(cached.p95() < 200)),
                    new Row(
                            "admin home page, same registry, GET / with cacheFor(0): probes the 10 databases, reads"
                                    + " the 30 histories, renders",
                            "p50 " + number(uncached.p50(), 1) + " ms, p95 " + number(uncached.p95(), 1) + " ms",
                            "–",
                            "–",
                            "–",
                            Row.Verdict.REPORTED));
        } finally {
            server.drop(names);
        }
    }

    private record Timing(double p50, double p95, int bytes) {}

    private static Timing measure(
            DbRouterRegistry registry, BenchServer server, List<DbName> dbs, Duration cacheFor, int loads) {
        try (AdminServer admin = AdminServer.configure(registry)
                .credentials(server.credentials(dbs))
                .cacheFor(cacheFor)
                .start()) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = admin.uri();
            int bytes = 0;
            for (int i = 0; i < 5; i++) {
                bytes = get(client, uri).length();
            }
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < loads; i++) {
                long start = System.nanoTime();
                get(client, uri);
                samples.add(Stats.millisSince(start));
            }
            return new Timing(Stats.median(samples), Stats.percentile(samples, 95), bytes);
        }
    }

    private static String get(HttpClient client, URI uri) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("10 of 10 databases reachable")) {
                throw new IllegalStateException("the admin page answered " + response.statusCode() + ": "
                        + response.body()
                                .substring(0, Math.min(400, response.body().length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading " + uri, e);
        }
    }
}
