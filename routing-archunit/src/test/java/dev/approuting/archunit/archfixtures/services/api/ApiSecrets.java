package dev.approuting.archunit.archfixtures.services.api;

import dev.approuting.core.CredentialsSource;
import java.nio.file.Path;

public final class ApiSecrets {
    private ApiSecrets() {}

    public static CredentialsSource source() {
        return CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/db"), "api");
    }
}
