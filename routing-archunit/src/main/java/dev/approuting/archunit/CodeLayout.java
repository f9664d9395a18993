package dev.approuting.archunit;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import dev.approuting.core.AppName;
import dev.approuting.core.ServiceName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the code of each app and each service lives, given once for {@link RoutingArchRules}: package
 * patterns in ArchUnit's syntax ({@code com.acme.workflow..} is the package and everything below).
 *
 * <pre>{@code
 * CodeLayout layout = CodeLayout.builder()
 *         .app("workflow", "com.acme.workflow..")
 *         .service("buildsense/api", "com.acme.buildsense.api..")
 *         .build();
 * }</pre>
 */
public final class CodeLayout {
    private final Map<AppName, PackageMatcher> apps;
    private final Map<ServiceName, PackageMatcher> services;

    private CodeLayout(Builder builder) {
        this.apps = Map.copyOf(builder.apps);
        this.services = Map.copyOf(builder.services);
    }

    /** Starts a layout. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the app whose packages hold {@code type}, if any. */
    public Optional<AppName> appOf(JavaClass type) {
        return apps.entrySet().stream()
                .filter(e -> e.getValue().matches(type.getPackageName()))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** Returns the service whose packages hold {@code type}, if any. */
    public Optional<ServiceName> serviceOf(JavaClass type) {
        return services.entrySet().stream()
                .filter(e -> e.getValue().matches(type.getPackageName()))
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
    }

    /** Builds a {@link CodeLayout}; mutable, not thread-safe. */
    public static final class Builder {
        private final Map<AppName, PackageMatcher> apps = new LinkedHashMap<>();
        private final Map<ServiceName, PackageMatcher> services = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Says that {@code packages} (an ArchUnit package pattern) hold the code and generated jOOQ
         * tables of {@code app}.
         *
         * @throws dev.approuting.core.RoutingException when {@code app} breaks the naming rule
         */
        public Builder app(String app, String packages) {
            apps.put(AppName.of(app), PackageMatcher.of(packages));
            return this;
        }

        /**
         * Says that {@code packages} hold the service's own code (its main class, wiring, secrets).
         *
         * @throws dev.approuting.core.RoutingException when {@code service} breaks the naming rule
         */
        public Builder service(String service, String packages) {
            services.put(ServiceName.of(service), PackageMatcher.of(packages));
            return this;
        }

        /** Returns the layout. */
        public CodeLayout build() {
            return new CodeLayout(this);
        }
    }
}
