package dev.approuting.deploy.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * YAML documents as a small tree whose every node knows its line (1-based), read with snakeyaml-engine's
 * composer: values stay text (no type guessing), anchors are followed, and a key written twice in one
 * mapping is an error, as Kubernetes and Helm would silently keep only one of them.
 */
public final class YamlTree {
    private static final int MAX_DEPTH = 100;
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private YamlTree() {}

    /** A node of the tree. */
    public sealed interface Node permits YMap, YList, YScalar {
        /** Returns the line the node starts on, 1-based. */
        int line();
    }

    /**
     * A mapping, keys in file order.
     *
     * @param line where it starts
     * @param entries the values by key
     * @param keyLines the line of each key
     */
    public record YMap(int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {
        /** Returns the value of {@code key}, if present and not null. */
        public Optional<Node> get(String key) {
            Node node = entries.get(key);
            return node instanceof YScalar scalar && scalar.isNull() ? Optional.empty() : Optional.ofNullable(node);
        }

        /** Returns the mapping under {@code key}, if it is one. */
        public Optional<YMap> map(String key) {
            return get(key).filter(YMap.class::isInstance).map(YMap.class::cast);
        }

        /** Returns the list under {@code key}, if it is one. */
        public Optional<YList> list(String key) {
            return get(key).filter(YList.class::isInstance).map(YList.class::cast);
        }

        /** Returns the text under {@code key}, if it is a scalar that is not null. */
        public Optional<YScalar> scalar(String key) {
            return get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast);
        }

        /** Returns the line of {@code key}, or the mapping's own line. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    /**
     * A sequence.
     *
     * @param line where it starts
     * @param items its items
     */
    public record YList(int line, List<Node> items) implements Node {}

    /**
     * A scalar, as written.
     *
     * @param line where it starts
     * @param text its text
     * @param isNull whether it is a plain null ({@code ~}, {@code null} or nothing)
     */
    public record YScalar(int line, String text, boolean isNull) implements Node {}

    /**
     * The documents of one file, or why it could not be read.
     *
     * @param documents the documents that are not empty, in file order
     * @param problem what is wrong with the file, or {@code null}
     * @param problemLine the line of the problem (1-based), when there is one
     */
    public record Parsed(List<Node> documents, @Nullable String problem, int problemLine) {
        /** Copies the list. */
        public Parsed {
            documents = List.copyOf(documents);
        }

        static Parsed failed(String problem, int line) {
            return new Parsed(List.of(), problem, line);
        }
    }

    /** Reads every document of {@code file}; never throws for bad content, see {@link Parsed#problem()}. */
    public static Parsed read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(file.toString())
                    .setAllowDuplicateKeys(true)
                    .build();
            List<Node> documents = new ArrayList<>();
            for (org.snakeyaml.engine.v2.nodes.Node document : new Compose(settings).composeAllFromReader(reader)) {
                documents.add(convert(document, 0));
            }
            return new Parsed(documents, null, 0);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            return Parsed.failed(
                    "malformed YAML: " + context + e.getProblem(),
                    mark.map(m -> m.getLine() + 1).orElse(1));
        } catch (Malformed e) {
            return Parsed.failed(e.getMessage(), e.line);
        } catch (YamlEngineException e) {
            // The YAML reader wraps the failures of the file's reader.
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                return unreadable(io);
            }
            return Parsed.failed("malformed YAML: " + e.getMessage(), 1);
        } catch (IOException e) {
            return unreadable(e);
        }
    }

    private static Parsed unreadable(IOException e) {
        if (e instanceof CharacterCodingException) {
            return Parsed.failed("not UTF-8 text: save it as UTF-8", 1);
        }
        return Parsed.failed(
                "cannot be read (" + e.getClass().getSimpleName() + "): check the path and its permissions", 1);
    }

    private static Node convert(org.snakeyaml.engine.v2.nodes.Node node, int depth) {
        int line = line(node);
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested deeper than " + MAX_DEPTH + " levels (a recursive anchor?)", line);
        }
        if (node instanceof ScalarNode scalar) {
            return new YScalar(line, scalar.getValue(), scalar.isPlain() && NULLS.contains(scalar.getValue()));
        }
        if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>();
            sequence.getValue().forEach(item -> items.add(convert(item, depth + 1)));
            return new YList(line, List.copyOf(items));
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new Malformed("a mapping key that is not text", line(tuple.getKeyNode()));
            }
            Integer first = keyLines.putIfAbsent(key.getValue(), line(key));
            if (first != null) {
                throw new Malformed(
                        "key '" + key.getValue() + "' appears twice in one mapping (lines " + first + " and "
                                + line(key) + "): Kubernetes and Helm keep only one of them; merge them",
                        line(key));
            }
            entries.put(key.getValue(), convert(tuple.getValueNode(), depth + 1));
        }
        return new YMap(line, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines));
    }

    private static int line(org.snakeyaml.engine.v2.nodes.Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /** Content the tree refuses, with its line. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        Malformed(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }

        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }
}
