package dev.approuting.core.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The implementations behind the factories of {@link CredentialsSource}. */
public final class Secrets {
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

    private Secrets() {}

    /** Checks a Kubernetes namespace name. */
    public static String namespace(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_NAME,
                    "invalid namespace name " + Text.quote(namespace)
                            + ": Kubernetes namespaces are 1 to 63 lower-case letters, digits or '-',"
                            + " starting and ending with a letter or digit");
        }
        return namespace;
    }

    /** Returns {@code {namespace}-db-{db}-creds}. */
    public static String secretName(String namespace, DbName db) {
        return namespace(namespace) + "-db-" + db + "-creds";
    }

    /** Returns {@code {namespace}-db-{db}-reader-creds}. */
    public static String readerSecretName(String namespace, DbName db) {
        return namespace(namespace) + "-db-" + db + "-reader-creds";
    }

    /** Returns the source over a mounted secrets directory. */
    public static CredentialsSource mounted(Path dir, String namespace) {
        namespace(namespace);
        return new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                return mountedSecret(dir, db, secretName(namespace, db), "");
            }

            @Override
            public Optional<DbCredentials> findReader(DbName db) {
                return mountedSecret(dir, db, readerSecretName(namespace, db), "reader ");
            }

            @Override
            public String describe(DbName db) {
                return "mounted secret " + dir.resolve(secretName(namespace, db));
            }

            @Override
            public String describeReader(DbName db) {
                return "mounted secret " + dir.resolve(readerSecretName(namespace, db));
            }
        };
    }

    private static Optional<DbCredentials> mountedSecret(Path dir, DbName db, String name, String kind) {
        Path secret = dir.resolve(name);
        if (!Files.exists(secret)) {
            return Optional.empty();
        }
        Path file = Files.isDirectory(secret) ? secret.resolve(CredentialsSource.SECRET_KEY) : secret;
        if (!Files.exists(file)) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CREDENTIALS,
                    db,
                    kind + "secret for database '" + db + "' at " + secret + " is a directory without "
                            + CredentialsSource.SECRET_KEY + ": mount the secret with its key "
                            + CredentialsSource.SECRET_KEY);
        }
        if (Files.isDirectory(file)) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CREDENTIALS,
                    db,
                    kind + "secret for database '" + db + "' at " + file
                            + " is a directory, not a file: mount the secret's JSON there");
        }
        return Optional.of(DbCredentials.fromSecretJson(db, "file " + file, read(db, file)));
    }

    /** Returns the source over environment variables. */
    public static CredentialsSource environment(String namespace, Map<String, String> variables) {
        namespace(namespace);
        Map<String, String> copy = Map.copyOf(variables);
        return new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                String name = variable(namespace, db);
                String json = copy.get(name);
                if (json == null) {
                    return Optional.empty();
                }
                return Optional.of(DbCredentials.fromSecretJson(db, "environment variable " + name, json));
            }

            @Override
            public Optional<DbCredentials> findReader(DbName db) {
                String name = readerVariable(namespace, db);
                String json = copy.get(name);
                if (json == null) {
                    return Optional.empty();
                }
                return Optional.of(DbCredentials.fromSecretJson(db, "environment variable " + name, json));
            }

            @Override
            public String describe(DbName db) {
                return "environment variable " + variable(namespace, db);
            }

            @Override
            public String describeReader(DbName db) {
                return "environment variable " + readerVariable(namespace, db);
            }
        };
    }

    /** Returns the environment variable holding the reader secret of {@code db}. */
    public static String readerVariable(String namespace, DbName db) {
        return (namespace + "_DB_" + db + "_READER_CREDS")
                .toUpperCase(Locale.ROOT)
                .replace('-', '_');
    }

    /** Returns the environment variable holding the secret of {@code db}. */
    public static String variable(String namespace, DbName db) {
        return (namespace + "_DB_" + db + "_CREDS").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Returns the source over fixed credentials and readers. */
    public static CredentialsSource fixed(Map<DbName, DbCredentials> credentials, Map<DbName, DbCredentials> readers) {
        Map<DbName, DbCredentials> copy = Map.copyOf(credentials);
        Map<DbName, DbCredentials> readerCopy = Map.copyOf(readers);
        return new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                return Optional.ofNullable(copy.get(db));
            }

            @Override
            public Optional<DbCredentials> findReader(DbName db) {
                return Optional.ofNullable(readerCopy.get(db));
            }

            @Override
            public String describeReader(DbName db) {
                return "reader credentials given in code (for " + Text.list(readerCopy.keySet()) + ")";
            }

            @Override
            public String describe(DbName db) {
                return "credentials given in code (for " + Text.list(copy.keySet()) + ")";
            }
        };
    }

    /** Returns the source trying each of {@code sources} in turn. */
    public static CredentialsSource firstOf(List<CredentialsSource> sources) {
        List<CredentialsSource> copy = List.copyOf(sources);
        return new CredentialsSource() {
            @Override
            public Optional<DbCredentials> find(DbName db) {
                for (CredentialsSource source : copy) {
                    Optional<DbCredentials> found = source.find(db);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }

            @Override
            public Optional<DbCredentials> findReader(DbName db) {
                for (CredentialsSource source : copy) {
                    Optional<DbCredentials> found = source.findReader(db);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String describe(DbName db) {
                return copy.stream().map(s -> s.describe(db)).collect(Collectors.joining(", then "));
            }

            @Override
            public String describeReader(DbName db) {
                return copy.stream().map(s -> s.describeReader(db)).collect(Collectors.joining(", then "));
            }
        };
    }

    private static String read(DbName db, Path file) {
        try {
            long size = Files.size(file);
            if (size > SecretJson.MAX_LENGTH) {
                throw RoutingException.forDatabase(
                        ErrorCode.INVALID_CREDENTIALS,
                        db,
                        "secret for database '" + db + "' at " + file + " is " + size + " bytes, more than a secret's "
                                + SecretJson.MAX_LENGTH + ": mount the secret's JSON there");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CREDENTIALS,
                    db,
                    "secret for database '" + db + "' at " + file + " is not UTF-8 text: rewrite it as JSON");
        } catch (IOException e) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CREDENTIALS,
                    db,
                    "secret for database '" + db + "' at " + file + " cannot be read ("
                            + e.getClass().getSimpleName() + "): check the mount and its permissions",
                    e);
        }
    }
}
