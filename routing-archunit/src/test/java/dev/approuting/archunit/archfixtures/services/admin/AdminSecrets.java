package dev.approuting.archunit.archfixtures.services.admin;

import dev.approuting.core.CredentialsSource;
import java.nio.file.Path;

public final class AdminSecrets {
    private AdminSecrets() {}

    public static CredentialsSource source() {
        return CredentialsSource.mountedSecrets(Path.of("/var/run/secrets/admin"), "admin");
    }
}
