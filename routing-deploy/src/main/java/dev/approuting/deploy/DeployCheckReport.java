package dev.approuting.deploy;

import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DeployCheck#check()} found: the files read, the deployments in them and every finding.
 *
 * @param files the files read, in the order given
 * @param deployments each deployment of a known service found in them
 * @param findings every problem, by file and line
 */
public record DeployCheckReport(List<Path> files, List<Deployment> deployments, List<DeployFinding> findings) {
    /** Copies the lists. */
    public DeployCheckReport {
        files = List.copyOf(files);
        deployments = List.copyOf(deployments);
        findings = List.copyOf(findings);
    }

    /**
     * One deployment of a service found in a file.
     *
     * @param service the service
     * @param file the file
     * @param line where the deployment starts
     * @param kind {@code values} for a Helm values file, else the Kubernetes kind, such as {@code Deployment}
     * @param namespace the namespace it deploys to, when the file or the check says
     * @param dbs the databases it deploys, as listed (or, without a list, as mounted)
     */
    public record Deployment(
            ServiceName service,
            Path file,
            int line,
            String kind,
            @Nullable String namespace,
            List<DbName> dbs) {
        /** Copies the list. */
        public Deployment {
            dbs = List.copyOf(dbs);
        }
    }

    /**
     * Returns whether nothing was found wrong. A report without {@link #deployments()} found nothing to
     * check: the command line refuses it as wrong input.
     */
    public boolean ok() {
        return findings.isEmpty();
    }

    /**
     * Returns this report when nothing was found wrong.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every finding, each
     *     with its file and line
     */
    public DeployCheckReport orThrow() {
        if (findings.isEmpty()) {
            return this;
        }
        throw RoutingException.allOf(
                ErrorCode.INVALID_CONFIGURATION,
                "deployment problems",
                findings.stream().map(DeployCheckReport::error).toList());
    }

    private static RoutingException error(DeployFinding finding) {
        ServiceName service = finding.service();
        DbName db = finding.db();
        if (service != null && db != null) {
            return RoutingException.forService(ErrorCode.INVALID_CONFIGURATION, service, db, finding.describe());
        }
        if (service != null) {
            return RoutingException.forService(ErrorCode.INVALID_CONFIGURATION, service, finding.describe());
        }
        if (db != null) {
            return RoutingException.forDatabase(ErrorCode.INVALID_CONFIGURATION, db, finding.describe());
        }
        return RoutingException.of(ErrorCode.INVALID_CONFIGURATION, finding.describe());
    }
}
