package dev.approuting.lint.internal;

import dev.approuting.lint.internal.Stmt.Action;
import dev.approuting.lint.internal.Stmt.Column;
import dev.approuting.lint.internal.Stmt.Constraint;
import dev.approuting.lint.internal.Stmt.ConstraintKind;
import dev.approuting.lint.internal.Stmt.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the statement shapes the rules need from a token list. It is deliberately tolerant: a
 * statement it does not understand becomes {@link Stmt.Other}, never an error.
 */
final class StatementParser {
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of(
            "not",
            "null",
            "default",
            "constraint",
            "check",
            "unique",
            "primary",
            "references",
            "generated",
            "collate",
            "deferrable",
            "initially",
            "compression",
            "storage");
    private static final Set<String> TABLE_CONSTRAINT_WORDS =
            Set.of("constraint", "check", "unique", "primary", "foreign", "exclude");
    private static final Set<String> PLPGSQL_BLOCK_WORDS = Set.of("begin", "then", "else", "loop", "declare");
    private static final Set<String> DDL_WORDS = Set.of(
            "alter",
            "create",
            "drop",
            "truncate",
            "reindex",
            "vacuum",
            "cluster",
            "refresh",
            "lock",
            "comment",
            "grant",
            "revoke",
            "update",
            "delete",
            "insert",
            "merge");

    private StatementParser() {}

    /**
     * Tokenizes, splits and parses a whole script.
     *
     * @throws SqlSyntaxException when the script cannot be tokenized
     */
    static Script parseScript(String sql) {
        List<Token> tokens = SqlLexer.tokenize(sql);
        List<Token> comments = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT) {
                comments.add(t);
            }
        }
        List<ParsedStatement> statements = new ArrayList<>();
        for (RawStatement raw : RawStatement.split(sql, tokens)) {
            statements.add(new ParsedStatement(raw, parse(sql, raw)));
        }
        return new Script(statements, comments);
    }

    /**
     * A parsed script.
     *
     * @param statements its statements in order
     * @param comments every comment of the script
     */
    record Script(List<ParsedStatement> statements, List<Token> comments) {
        Script {
            statements = List.copyOf(statements);
            comments = List.copyOf(comments);
        }
    }

    /** Parses the SQL statements of a PL/pgSQL body; other PL/pgSQL statements are skipped. */
    private static List<ParsedStatement> parsePlpgsql(String src, int from, int to, int line, int column) {
        List<ParsedStatement> out = new ArrayList<>();
        for (RawStatement raw : RawStatement.split(src, SqlLexer.tokenize(src, from, to, line, column))) {
            RawStatement ddl = plpgsqlDdl(src, raw);
            if (ddl != null) {
                out.add(new ParsedStatement(ddl, parse(src, ddl)));
            }
        }
        return out;
    }

    /** The SQL statement inside a PL/pgSQL statement, if it starts with a DDL word. */
    private static @Nullable RawStatement plpgsqlDdl(String src, RawStatement raw) {
        List<Token> tokens = raw.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean afterBlockWord = i == 0
                    || (tokens.get(i - 1).type() == TokenType.WORD
                            && PLPGSQL_BLOCK_WORDS.contains(
                                    tokens.get(i - 1).text().toLowerCase(Locale.ROOT)))
                    || tokens.get(i - 1).isSymbol(">>");
            if (afterBlockWord
                    && t.type() == TokenType.WORD
                    && DDL_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
                List<Token> sub = tokens.subList(i, tokens.size());
                String text = src.substring(
                        sub.get(0).start(), sub.get(sub.size() - 1).end());
                return new RawStatement(sub, i == 0 ? raw.comments() : List.of(), text);
            }
        }
        return null;
    }

    static Stmt parse(String src, RawStatement raw) {
        Cursor c = new Cursor(raw.tokens());
        if (c.accept("alter")) {
            return alter(c);
        }
        if (c.accept("create")) {
            return create(c);
        }
        if (c.accept("drop")) {
            return drop(c);
        }
        if (c.accept("truncate")) {
            c.accept("table");
            return new Stmt.Truncate(nameList(c));
        }
        if (c.accept("reindex")) {
            return reindex(c);
        }
        if (c.peek("begin") || c.peek("start", "transaction")) {
            return new Stmt.TransactionControl(true);
        }
        if (c.peek("commit") || c.peek("end") || c.peek("abort") || (c.peek("rollback") && !c.peek("rollback", "to"))) {
            return new Stmt.TransactionControl(false);
        }
        if (c.accept("set")) {
            if (!c.accept("local")) {
                c.accept("session");
            }
            if (c.accept("lock_timeout")) {
                if (!c.accept("to")) {
                    c.acceptSymbol("=");
                }
                Token value = c.next();
                boolean zero = value != null
                        && (value.text().equals("0") || value.text().trim().matches("0+\\s*(ms|s|min)?"));
                return new Stmt.SetLockTimeout(!zero && value != null && !value.is("default"));
            }
            return new Stmt.Other();
        }
        if (c.accept("do")) {
            return doBlock(src, c);
        }
        if (c.accept("vacuum")) {
            return vacuum(c);
        }
        if (c.accept("cluster")) {
            c.accept("verbose");
            if (c.acceptSymbol("(")) {
                c.untilClose();
            }
            if (c.atEnd()) {
                return new Stmt.Command("cluster-all", List.of(), null, "CLUSTER");
            }
            return new Stmt.Command("cluster", List.of(c.name()), null, "CLUSTER");
        }
        if (c.accept("analyze") || c.accept("analyse")) {
            c.accept("verbose");
            if (c.acceptSymbol("(")) {
                c.untilClose();
            }
            return new Stmt.Command("analyze", c.atEnd() ? List.of() : nameList(c), null, "ANALYZE");
        }
        if (c.accept("refresh", "materialized", "view")) {
            boolean concurrently = c.accept("concurrently");
            return new Stmt.Command(
                    concurrently ? "refresh-materialized-view-concurrently" : "refresh-materialized-view",
                    List.of(c.name()),
                    null,
                    concurrently ? "REFRESH MATERIALIZED VIEW CONCURRENTLY" : "REFRESH MATERIALIZED VIEW");
        }
        if (c.accept("lock")) {
            c.accept("table");
            List<String> tables = nameList(c);
            String mode = "ACCESS EXCLUSIVE";
            if (c.accept("in")) {
                List<String> words = new ArrayList<>();
                while (!c.atEnd() && !c.peek("mode")) {
                    Token t = c.next();
                    words.add(t == null ? "" : t.text().toUpperCase(Locale.ROOT));
                }
                mode = String.join(" ", words);
            }
            return new Stmt.Command("lock-table", tables, mode, "LOCK TABLE");
        }
        if (c.peek("discard", "all")) {
            return new Stmt.Command("discard-all", List.of(), null, "DISCARD ALL");
        }
        if (c.accept("comment", "on")) {
            return comment(c);
        }
        if (c.accept("grant") || c.accept("revoke")) {
            return grant(c);
        }
        if (c.accept("update")) {
            c.accept("only");
            return new Stmt.Dml("UPDATE", c.name());
        }
        if (c.accept("delete", "from")) {
            c.accept("only");
            return new Stmt.Dml("DELETE", c.name());
        }
        if (c.accept("merge", "into")) {
            c.accept("only");
            return new Stmt.Dml("MERGE", c.name());
        }
        if (c.accept("insert", "into")) {
            String table = c.name();
            if (c.containsTopLevel("select")) {
                return new Stmt.Dml("INSERT", table);
            }
            return new Stmt.Other();
        }
        return new Stmt.Other();
    }

    private static Stmt alter(Cursor c) {
        if (c.accept("table")) {
            return alterTable(c);
        }
        if (c.accept("type")) {
            String type = c.name();
            if (c.accept("rename", "value")) {
                return new Stmt.RenameEnumValue(type);
            }
            if (c.accept("add", "value")) {
                c.accept("if", "not", "exists");
                Token value = c.next();
                return new Stmt.AddEnumValue(type, value == null ? "" : value.text());
            }
            return new Stmt.Other();
        }
        if (c.accept("system")) {
            return new Stmt.Command("server-wide", List.of(), null, "ALTER SYSTEM");
        }
        if (c.accept("database")) {
            c.name();
            if (c.accept("set", "tablespace")) {
                return new Stmt.Command("server-wide", List.of(), null, "ALTER DATABASE … SET TABLESPACE");
            }
            return new Stmt.Other();
        }
        if (c.accept("schema")) {
            String schema = c.name();
            if (c.accept("rename", "to")) {
                return new Stmt.RenameSchema(schema, c.name());
            }
            return new Stmt.Other();
        }
        if (c.accept("domain")) {
            return alterDomain(c);
        }
        if (c.accept("index")) {
            c.accept("if", "exists");
            String index = c.name();
            if (c.accept("rename")) {
                return new Stmt.Command("alter-index.rename", List.of(), null, "ALTER INDEX … RENAME");
            }
            if (c.accept("set", "tablespace")) {
                return new Stmt.Command(
                        "alter-index.set-tablespace", List.of(index), null, "ALTER INDEX … SET TABLESPACE");
            }
            return new Stmt.Other();
        }
        if (c.accept("trigger")) {
            c.name();
            if (c.accept("on")) {
                return new Stmt.Command("alter-trigger.rename", List.of(c.name()), null, "ALTER TRIGGER");
            }
            return new Stmt.Other();
        }
        if (c.accept("policy")) {
            c.name();
            if (c.accept("on")) {
                return new Stmt.Command("alter-policy", List.of(c.name()), null, "ALTER POLICY");
            }
            return new Stmt.Other();
        }
        if (c.accept("publication")) {
            c.name();
            if (c.accept("add", "table") || c.accept("set", "table")) {
                return new Stmt.Command("create-publication", nameList(c), null, "ALTER PUBLICATION … ADD TABLE");
            }
            return new Stmt.Other();
        }
        if (c.accept("sequence")) {
            return new Stmt.Command("create-sequence", List.of(), null, "ALTER SEQUENCE");
        }
        return new Stmt.Other();
    }

    private static Stmt alterDomain(Cursor c) {
        String domain = c.name();
        if (c.accept("add")) {
            String constraint = null;
            if (c.accept("constraint")) {
                constraint = c.name();
            }
            boolean notValid = c.containsTopLevel("not", "valid");
            return new Stmt.AlterDomain(
                    domain,
                    notValid ? "alter-domain.add-constraint-not-valid" : "alter-domain.add-constraint",
                    constraint);
        }
        if (c.accept("validate", "constraint")) {
            return new Stmt.AlterDomain(domain, "alter-domain.validate-constraint", c.name());
        }
        if (c.accept("set", "not", "null")) {
            return new Stmt.AlterDomain(domain, "alter-domain.set-not-null", null);
        }
        return new Stmt.AlterDomain(domain, "alter-domain.other", null);
    }

    private static Stmt vacuum(Cursor c) {
        boolean full = false;
        if (c.acceptSymbol("(")) {
            for (List<Token> option : splitTopLevel(c.untilClose())) {
                if (!option.isEmpty() && option.get(0).is("full")) {
                    full = option.size() == 1
                            || !(option.get(1).is("false")
                                    || option.get(1).is("off")
                                    || option.get(1).is("0"));
                }
            }
        }
        while (c.peekAny(Set.of("full", "freeze", "verbose", "analyze", "analyse"))) {
            Token word = c.next();
            full |= word != null && word.is("full");
        }
        List<String> tables = c.atEnd() ? List.of() : nameList(c);
        return full
                ? new Stmt.Command("vacuum-full", tables, null, "VACUUM FULL")
                : new Stmt.Command("vacuum", tables, null, "VACUUM");
    }

    private static Stmt comment(Cursor c) {
        boolean column = c.accept("column");
        if (!column && !c.accept("table") && !c.accept("materialized", "view")) {
            return new Stmt.Command("comment", List.of(), null, "COMMENT");
        }
        List<String> parts = new ArrayList<>();
        while (!c.atEnd()) {
            Token t = c.next();
            if (t == null || !t.isName()) {
                break;
            }
            parts.add(t.identifier());
            if (!c.acceptSymbol(".")) {
                break;
            }
        }
        int tableAt = column ? parts.size() - 2 : parts.size() - 1;
        List<String> table = tableAt >= 0 ? List.of(parts.get(tableAt)) : List.of();
        return new Stmt.Command("comment", table, null, "COMMENT");
    }

    private static Stmt grant(Cursor c) {
        List<Token> beforeTo = c.until(Set.of("to", "from"));
        List<String> tables = new ArrayList<>();
        Cursor on = new Cursor(beforeTo);
        on.skipUntil("on");
        if (on.accept("on")) {
            if (on.accept("table")
                    || !on.peekAny(Set.of(
                            "sequence",
                            "database",
                            "domain",
                            "function",
                            "procedure",
                            "routine",
                            "schema",
                            "type",
                            "language",
                            "tablespace",
                            "foreign",
                            "large",
                            "all",
                            "parameter"))) {
                tables.addAll(nameList(on));
            }
        }
        return new Stmt.Command("grant", tables, null, "GRANT");
    }

    private static Stmt doBlock(String src, Cursor c) {
        String language = "plpgsql";
        if (c.accept("language")) {
            language = c.name();
        }
        Token body = c.next();
        if (c.accept("language")) {
            language = c.name();
        }
        if (body == null || !language.equals("plpgsql")) {
            return new Stmt.Other();
        }
        if (body.type() == TokenType.DOLLAR_STRING) {
            int tagLength = (body.end() - body.start() - body.text().length()) / 2;
            int from = body.start() + tagLength;
            return new Stmt.DoBlock(
                    parsePlpgsql(src, from, from + body.text().length(), body.line(), body.column() + tagLength));
        }
        if (body.type() == TokenType.STRING) {
            return new Stmt.DoBlock(parsePlpgsql(body.text(), 0, body.text().length(), body.line(), body.column() + 1));
        }
        return new Stmt.Other();
    }

    private static Stmt create(Cursor c) {
        boolean orReplace = c.accept("or", "replace");
        if (c.acceptAny("temp", "temporary")) {
            return new Stmt.Other();
        }
        c.acceptAny("global", "local");
        c.acceptAny("unlogged");
        if (c.accept("table")) {
            c.accept("if", "not", "exists");
            String table = c.name();
            return createTable(table, c);
        }
        boolean unique = c.accept("unique");
        if (c.accept("index")) {
            boolean concurrently = c.accept("concurrently");
            c.accept("if", "not", "exists");
            String name = null;
            if (!c.peek("on")) {
                name = c.name();
            }
            c.accept("on");
            boolean only = c.accept("only");
            String table = c.name();
            if (c.accept("using")) {
                c.name();
            }
            List<String> columns = new ArrayList<>();
            if (c.acceptSymbol("(")) {
                for (List<Token> part : splitTopLevel(c.untilClose())) {
                    if (part.size() >= 1 && part.get(0).isName()) {
                        columns.add(part.get(0).identifier());
                    }
                }
            }
            return new Stmt.CreateIndex(name, table, concurrently, only, columns);
        }
        if (unique) {
            return new Stmt.Other();
        }
        if (c.accept("schema")) {
            c.accept("if", "not", "exists");
            if (c.accept("authorization")) {
                return new Stmt.Create("schema", c.name());
            }
            return new Stmt.Create("schema", c.name());
        }
        if (c.accept("database")) {
            return new Stmt.Command("server-wide", List.of(), null, "CREATE DATABASE");
        }
        if (c.acceptAny("tablespace", "subscription")) {
            return new Stmt.Command(
                    "server-wide",
                    List.of(),
                    null,
                    "CREATE " + c.previous().text().toUpperCase(Locale.ROOT));
        }
        if (c.accept("domain")) {
            c.accept("if", "not", "exists");
            String name = c.name();
            c.accept("as");
            TypeName base = typeName(c);
            boolean constrained = c.containsTopLevel("check") || c.containsTopLevel("not", "null");
            return new Stmt.CreateDomain(name, base, constrained);
        }
        if (c.accept("function") || c.accept("procedure")) {
            String name = c.name();
            String volatility = "volatile";
            for (Token t : c.rest()) {
                if (t.is("immutable") || t.is("stable") || t.is("volatile")) {
                    volatility = t.text().toLowerCase(Locale.ROOT);
                }
            }
            return new Stmt.CreateFunction(name, volatility);
        }
        c.accept("constraint");
        if (c.accept("trigger")) {
            c.skipUntil("on");
            c.accept("on");
            return new Stmt.Command("create-trigger", List.of(c.name()), null, "CREATE TRIGGER");
        }
        if (c.accept("policy")) {
            c.name();
            c.accept("on");
            return new Stmt.Command("create-policy", List.of(c.name()), null, "CREATE POLICY");
        }
        if (c.accept("rule")) {
            c.skipUntil("to");
            c.accept("to");
            return new Stmt.Command("create-rule", List.of(c.name()), null, "CREATE RULE");
        }
        if (c.accept("statistics")) {
            c.skipUntil("from");
            c.accept("from");
            return new Stmt.Command("create-statistics", List.of(c.name()), null, "CREATE STATISTICS");
        }
        if (c.accept("publication")) {
            c.name();
            if (c.accept("for", "table")) {
                return new Stmt.Command("create-publication", nameList(c), null, "CREATE PUBLICATION");
            }
            return new Stmt.Command("create-publication", List.of(), null, "CREATE PUBLICATION");
        }
        boolean materialized = c.accept("materialized");
        c.accept("recursive");
        if (c.acceptAny("type", "view", "sequence")) {
            String kind = (materialized ? "materialized " : "") + c.previous().identifier();
            c.accept("if", "not", "exists");
            String name = c.name();
            return new Stmt.Create(orReplace && kind.equals("view") ? "replaced view" : kind, name);
        }
        return new Stmt.Other();
    }

    private static Stmt createTable(String table, Cursor c) {
        List<Column> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        String partitionOf = null;
        if (c.accept("partition", "of")) {
            partitionOf = c.name();
        }
        if (c.acceptSymbol("(")) {
            for (List<Token> element : splitTopLevel(c.untilClose())) {
                Cursor e = new Cursor(element);
                if (e.atEnd() || e.peek("like")) {
                    continue;
                }
                if (e.peekAny(TABLE_CONSTRAINT_WORDS)) {
                    constraints.add(tableConstraint(e));
                } else if (partitionOf == null) {
                    columns.add(columnDef(e));
                }
            }
        }
        return new Stmt.CreateTable(table, columns, constraints, partitionOf);
    }

    private static Stmt drop(Cursor c) {
        if (c.accept("index")) {
            boolean concurrently = c.accept("concurrently");
            c.accept("if", "exists");
            return new Stmt.DropIndex(nameList(c), concurrently);
        }
        if (c.accept("database")) {
            c.accept("if", "exists");
            return new Stmt.Command("drop-database", List.of(c.name()), null, "DROP DATABASE");
        }
        if (c.acceptAny("tablespace", "subscription")) {
            return new Stmt.Command(
                    "server-wide",
                    List.of(),
                    null,
                    "DROP " + c.previous().text().toUpperCase(Locale.ROOT));
        }
        if (c.accept("trigger")) {
            c.accept("if", "exists");
            c.name();
            c.accept("on");
            return new Stmt.Command("drop-trigger", List.of(c.name()), null, "DROP TRIGGER");
        }
        if (c.accept("policy")) {
            c.accept("if", "exists");
            c.name();
            c.accept("on");
            return new Stmt.Command("drop-policy", List.of(c.name()), null, "DROP POLICY");
        }
        c.accept("materialized");
        if (c.acceptAny("table", "schema", "type", "view", "sequence", "domain")) {
            String kind = c.previous().identifier();
            c.accept("if", "exists");
            return new Stmt.Drop(kind, nameList(c));
        }
        return new Stmt.Other();
    }

    private static Stmt reindex(Cursor c) {
        boolean concurrently = false;
        if (c.acceptSymbol("(")) {
            for (List<Token> option : splitTopLevel(c.untilClose())) {
                if (!option.isEmpty() && option.get(0).is("concurrently")) {
                    concurrently = option.size() == 1
                            || !(option.get(1).is("false")
                                    || option.get(1).is("off")
                                    || option.get(1).is("0"));
                }
            }
        }
        c.accept("verbose");
        Token kindToken = c.next();
        String kind = kindToken == null ? "" : kindToken.identifier();
        concurrently |= c.accept("concurrently");
        String name = c.atEnd() ? "" : c.name();
        return new Stmt.Reindex(kind, name, concurrently);
    }

    private static Stmt alterTable(Cursor c) {
        c.accept("if", "exists");
        c.accept("only");
        String table = c.name();
        c.acceptSymbol("*");
        List<Action> actions = new ArrayList<>();
        for (List<Token> part : splitTopLevel(c.rest())) {
            actions.add(action(new Cursor(part)));
        }
        return new Stmt.AlterTable(table, actions);
    }

    private static Action action(Cursor c) {
        if (c.accept("add")) {
            if (c.peekAny(TABLE_CONSTRAINT_WORDS)) {
                return new Stmt.AddConstraint(tableConstraint(c));
            }
            c.accept("column");
            c.accept("if", "not", "exists");
            return new Stmt.AddColumn(columnDef(c));
        }
        if (c.accept("drop")) {
            if (c.accept("constraint")) {
                c.accept("if", "exists");
                return new Stmt.DropConstraint(c.name());
            }
            c.accept("column");
            c.accept("if", "exists");
            return new Stmt.DropColumn(c.name());
        }
        if (c.accept("alter")) {
            if (c.accept("constraint")) {
                return new Stmt.TableAction("alter-table.alter-constraint", "ALTER CONSTRAINT");
            }
            c.accept("column");
            return alterColumn(c);
        }
        if (c.accept("validate", "constraint")) {
            return new Stmt.ValidateConstraint(c.name());
        }
        if (c.accept("rename")) {
            if (c.accept("to")) {
                return new Stmt.RenameTable(c.name());
            }
            if (c.peek("constraint")) {
                return new Stmt.TableAction("alter-table.rename-constraint", "RENAME CONSTRAINT");
            }
            c.accept("column");
            String from = c.name();
            c.accept("to");
            return new Stmt.RenameColumn(from, c.name());
        }
        if (c.accept("set", "schema")) {
            return new Stmt.SetSchema(c.name());
        }
        if (c.accept("set", "logged")) {
            return new Stmt.SetLogged(true);
        }
        if (c.accept("set", "unlogged")) {
            return new Stmt.SetLogged(false);
        }
        if (c.accept("set", "tablespace")) {
            return new Stmt.TableAction("alter-table.set-tablespace", "SET TABLESPACE");
        }
        if (c.accept("set", "access", "method")) {
            return new Stmt.TableAction("alter-table.set-access-method", "SET ACCESS METHOD");
        }
        if (c.peekWordThenSymbol("set", "(") || c.peekWordThenSymbol("reset", "(")) {
            return new Stmt.TableAction("alter-table.set-storage-parameter", "SET (storage parameters)");
        }
        if (c.accept("cluster", "on") || c.accept("set", "without", "cluster")) {
            return new Stmt.TableAction("alter-table.cluster-on", "CLUSTER ON");
        }
        if (c.peek("enable") || c.peek("disable") || c.peek("force") || c.peek("no", "force")) {
            if (c.containsTopLevel("row", "level", "security")) {
                return new Stmt.TableAction("alter-table.row-level-security", "ROW LEVEL SECURITY");
            }
            if (c.containsTopLevel("trigger")) {
                return new Stmt.TableAction("alter-table.enable-trigger", "ENABLE/DISABLE TRIGGER");
            }
            return new Stmt.OtherAction();
        }
        if (c.accept("replica", "identity")) {
            return new Stmt.TableAction("alter-table.replica-identity", "REPLICA IDENTITY");
        }
        if (c.accept("inherit") || c.accept("no", "inherit")) {
            return new Stmt.TableAction("alter-table.inherit", "INHERIT");
        }
        if (c.accept("owner", "to")) {
            return new Stmt.TableAction("alter-table.owner", "OWNER TO");
        }
        if (c.accept("attach", "partition")) {
            return new Stmt.AttachPartition(c.name());
        }
        if (c.accept("detach", "partition")) {
            String partition = c.name();
            boolean concurrently = c.accept("concurrently");
            return new Stmt.DetachPartition(partition, concurrently, c.accept("finalize"));
        }
        return new Stmt.OtherAction();
    }

    private static Action alterColumn(Cursor c) {
        String column = c.name();
        if (c.accept("set", "data", "type") || c.accept("type")) {
            TypeName type = typeName(c);
            String collate = null;
            if (c.accept("collate")) {
                collate = c.name();
            }
            boolean using = false;
            if (c.accept("using")) {
                using = changesValues(c.rest(), column, type);
            }
            return new Stmt.AlterColumnType(column, type, using, collate);
        }
        if (c.accept("set", "default")) {
            return new Stmt.SetDefault(column);
        }
        if (c.accept("drop", "default")) {
            return new Stmt.DropDefault(column);
        }
        if (c.accept("set", "not", "null")) {
            return new Stmt.SetNotNull(column);
        }
        if (c.accept("drop", "not", "null")) {
            return new Stmt.DropNotNull(column);
        }
        if (c.accept("drop", "expression")) {
            return new Stmt.TableAction("alter-table.drop-expression", "DROP EXPRESSION");
        }
        if (c.accept("set", "expression")) {
            return new Stmt.TableAction("alter-table.set-expression", "SET EXPRESSION");
        }
        if (c.accept("add", "generated")
                || c.peek("set", "generated")
                || c.peek("drop", "identity")
                || c.peek("restart")
                || c.peek("set", "increment")
                || c.peek("set", "start")) {
            return new Stmt.TableAction("alter-table.add-identity", "identity");
        }
        if (c.accept("set", "statistics") || c.peekWordThenSymbol("set", "(") || c.peekWordThenSymbol("reset", "(")) {
            return new Stmt.TableAction("alter-table.set-statistics", "SET STATISTICS");
        }
        if (c.accept("set", "storage")) {
            return new Stmt.TableAction("alter-table.set-storage", "SET STORAGE");
        }
        if (c.accept("set", "compression")) {
            return new Stmt.TableAction("alter-table.set-compression", "SET COMPRESSION");
        }
        return new Stmt.OtherAction();
    }

    /**
     * Whether a USING expression changes the column's values: a bare {@code c}, or {@code c} cast to the new
     * type ({@code c::t}, {@code CAST(c AS t)}), is the conversion PostgreSQL applies anyway.
     */
    private static boolean changesValues(List<Token> expr, String column, TypeName type) {
        List<Token> e = expr;
        while (e.size() >= 2 && e.get(0).isSymbol("(") && e.get(e.size() - 1).isSymbol(")")) {
            e = e.subList(1, e.size() - 1);
        }
        if (e.isEmpty() || !e.get(0).isName()) {
            return true;
        }
        if (e.size() >= 6
                && e.get(0).is("cast")
                && e.get(1).isSymbol("(")
                && e.get(e.size() - 1).isSymbol(")")) {
            Cursor inner = new Cursor(e.subList(2, e.size() - 1));
            String named = inner.name();
            return !(named.equals(column)
                    && inner.accept("as")
                    && typeName(inner).equals(type)
                    && inner.atEnd());
        }
        Cursor cursor = new Cursor(e);
        if (!cursor.name().equals(column)) {
            return true;
        }
        if (cursor.atEnd()) {
            return false;
        }
        return !(cursor.acceptSymbol("::") && typeName(cursor).equals(type) && cursor.atEnd());
    }

    private static Constraint tableConstraint(Cursor c) {
        String name = null;
        if (c.accept("constraint")) {
            name = c.name();
        }
        ConstraintKind kind;
        String usingIndex = null;
        String notNullColumn = null;
        List<String> columns = new ArrayList<>();
        if (c.accept("check")) {
            kind = ConstraintKind.CHECK;
            if (c.acceptSymbol("(")) {
                notNullColumn = isNotNullColumn(c.untilClose());
            }
        } else if (c.accept("not", "null")) {
            kind = ConstraintKind.NOT_NULL;
            notNullColumn = c.name();
        } else if (c.accept("unique") || c.accept("primary", "key")) {
            kind = c.previous().is("key") ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
            c.accept("nulls", "not", "distinct");
            c.accept("nulls", "distinct");
            if (c.accept("using", "index") && !c.peek("tablespace")) {
                usingIndex = c.name();
            } else if (c.acceptSymbol("(")) {
                columns.addAll(names(c.untilClose()));
            }
        } else if (c.accept("foreign", "key")) {
            kind = ConstraintKind.FOREIGN_KEY;
            if (c.acceptSymbol("(")) {
                columns.addAll(names(c.untilClose()));
            }
        } else if (c.accept("exclude")) {
            kind = ConstraintKind.EXCLUDE;
        } else {
            kind = ConstraintKind.OTHER;
        }
        return new Constraint(name, kind, c.containsTopLevel("not", "valid"), usingIndex, notNullColumn, columns);
    }

    private static List<String> names(List<Token> tokens) {
        List<String> names = new ArrayList<>();
        for (List<Token> part : splitTopLevel(tokens)) {
            if (!part.isEmpty() && part.get(0).isName()) {
                names.add(part.get(0).identifier());
            }
        }
        return names;
    }

    /** For {@code c IS NOT NULL}, possibly in parentheses: the column; otherwise null. */
    private static @Nullable String isNotNullColumn(List<Token> expr) {
        List<Token> e = expr;
        while (e.size() >= 2 && e.get(0).isSymbol("(") && e.get(e.size() - 1).isSymbol(")")) {
            e = e.subList(1, e.size() - 1);
        }
        if (e.size() == 4
                && e.get(0).isName()
                && e.get(1).is("is")
                && e.get(2).is("not")
                && e.get(3).is("null")) {
            return e.get(0).identifier();
        }
        return null;
    }

    private static Column columnDef(Cursor c) {
        String name = c.name();
        TypeName type = typeName(c);
        boolean notNull = false;
        List<Token> defaultExpr = null;
        boolean identity = false;
        boolean generatedStored = false;
        boolean generatedVirtual = false;
        boolean references = false;
        boolean unique = false;
        boolean check = false;
        while (!c.atEnd()) {
            if (c.accept("not", "null")) {
                notNull = true;
            } else if (c.accept("null")) {
                notNull = false;
            } else if (c.accept("default")) {
                defaultExpr = c.accept("null") ? List.of(c.previous()) : c.until(COLUMN_CONSTRAINT_WORDS);
            } else if (c.accept("generated")) {
                if (c.accept("always", "as", "identity") || c.accept("by", "default", "as", "identity")) {
                    identity = true;
                    if (c.acceptSymbol("(")) {
                        c.untilClose();
                    }
                } else {
                    c.accept("always");
                    c.accept("as");
                    if (c.acceptSymbol("(")) {
                        c.untilClose();
                    }
                    if (c.accept("stored")) {
                        generatedStored = true;
                    } else {
                        c.accept("virtual");
                        generatedVirtual = true;
                    }
                }
            } else if (c.accept("references")) {
                references = true;
                c.until(COLUMN_CONSTRAINT_WORDS);
            } else if (c.accept("unique")) {
                unique = true;
            } else if (c.accept("primary", "key")) {
                unique = true;
                notNull = true;
            } else if (c.accept("check")) {
                check = true;
                if (c.acceptSymbol("(")) {
                    c.untilClose();
                }
            } else if (c.accept("constraint")) {
                c.name();
            } else {
                c.next();
            }
        }
        return new Column(
                name,
                type,
                notNull,
                defaultExpr,
                identity,
                generatedStored,
                generatedVirtual,
                references,
                unique,
                check);
    }

    static TypeName typeName(Cursor c) {
        if (c.atEnd()) {
            return new TypeName("", List.of(), false);
        }
        String base = c.name();
        int dot = base.lastIndexOf('.');
        if (dot >= 0 && base.startsWith("pg_catalog.")) {
            base = base.substring(dot + 1);
        }
        if ((base.equals("character") || base.equals("char")) && c.accept("varying")) {
            base = "varchar";
        } else if (base.equals("double") && c.accept("precision")) {
            base = "float8";
        } else if (base.equals("bit") && c.accept("varying")) {
            base = "varbit";
        }
        List<String> modifiers = new ArrayList<>();
        if (c.acceptSymbol("(")) {
            for (List<Token> part : splitTopLevel(c.untilClose())) {
                StringBuilder sb = new StringBuilder();
                part.forEach(t -> sb.append(t.text()));
                modifiers.add(sb.toString());
            }
        }
        if ((base.equals("character") || base.equals("char")) && modifiers.isEmpty()) {
            modifiers.add("1"); // character without a length is character(1)
        }
        if (base.equals("timestamp") || base.equals("time")) {
            if (c.accept("with", "time", "zone")) {
                base = base + "tz";
            } else {
                c.accept("without", "time", "zone");
            }
        }
        boolean array = false;
        while (c.acceptSymbol("[")) {
            c.untilClose();
            array = true;
        }
        if (c.accept("array")) {
            array = true;
        }
        return new TypeName(canonicalType(base), modifiers, array);
    }

    private static String canonicalType(String base) {
        return switch (base) {
            case "int", "int4" -> "integer";
            case "int8" -> "bigint";
            case "int2" -> "smallint";
            case "bool" -> "boolean";
            case "decimal" -> "numeric";
            case "character", "char" -> "bpchar";
            case "float" -> "float8";
            case "real" -> "float4";
            case "serial4" -> "serial";
            case "serial8" -> "bigserial";
            case "serial2" -> "smallserial";
            default -> base;
        };
    }

    private static List<String> nameList(Cursor c) {
        List<String> names = new ArrayList<>();
        c.accept("only");
        while (!c.atEnd()) {
            if (c.peekAny(Set.of("cascade", "restrict", "restart", "continue"))) {
                break;
            }
            names.add(c.name());
            c.acceptSymbol("*");
            if (!c.acceptSymbol(",")) {
                break;
            }
            c.accept("only");
        }
        return names;
    }

    /** Splits tokens on top-level commas. */
    static List<List<Token>> splitTopLevel(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if (t.isSymbol(")") || t.isSymbol("]")) {
                depth--;
            } else if (t.isSymbol(",") && depth == 0) {
                parts.add(tokens.subList(from, i));
                from = i + 1;
            }
        }
        if (from < tokens.size()) {
            parts.add(tokens.subList(from, tokens.size()));
        }
        return parts;
    }

    /** A position in a statement's tokens with keyword-aware helpers; quoted words never match keywords. */
    static final class Cursor {
        private final List<Token> tokens;
        private int i;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return i >= tokens.size();
        }

        @Nullable
        Token next() {
            return atEnd() ? null : tokens.get(i++);
        }

        Token previous() {
            return tokens.get(i - 1);
        }

        boolean peek(String... words) {
            for (int k = 0; k < words.length; k++) {
                if (i + k >= tokens.size() || !tokens.get(i + k).is(words[k])) {
                    return false;
                }
            }
            return true;
        }

        boolean peekWordThenSymbol(String word, String symbol) {
            return i + 1 < tokens.size()
                    && tokens.get(i).is(word)
                    && tokens.get(i + 1).isSymbol(symbol);
        }

        boolean peekAny(Set<String> words) {
            return !atEnd()
                    && tokens.get(i).type() == TokenType.WORD
                    && words.contains(tokens.get(i).text().toLowerCase(Locale.ROOT));
        }

        boolean accept(String... words) {
            if (peek(words)) {
                i += words.length;
                return true;
            }
            return false;
        }

        boolean acceptAny(String... words) {
            for (String w : words) {
                if (accept(w)) {
                    return true;
                }
            }
            return false;
        }

        boolean acceptSymbol(String symbol) {
            if (!atEnd() && tokens.get(i).isSymbol(symbol)) {
                i++;
                return true;
            }
            return false;
        }

        /** Reads a possibly qualified name and returns its last part (schemas are not told apart). */
        String name() {
            String last = "";
            while (!atEnd()) {
                Token t = tokens.get(i);
                if (!t.isName() && t.type() != TokenType.PARAMETER) {
                    break;
                }
                last = t.identifier();
                i++;
                if (!acceptSymbol(".")) {
                    break;
                }
            }
            return last;
        }

        /** After an opening bracket: the tokens up to its matching close, which is consumed. */
        List<Token> untilClose() {
            int from = i;
            int depth = 1;
            while (!atEnd()) {
                Token t = tokens.get(i++);
                if (t.isSymbol("(") || t.isSymbol("[")) {
                    depth++;
                } else if (t.isSymbol(")") || t.isSymbol("]")) {
                    depth--;
                    if (depth == 0) {
                        return tokens.subList(from, i - 1);
                    }
                }
            }
            return tokens.subList(from, i);
        }

        /** The tokens up to (not including) the first top-level word of {@code stops}. */
        List<Token> until(Set<String> stops) {
            int from = i;
            int depth = 0;
            while (!atEnd()) {
                Token t = tokens.get(i);
                if (t.isSymbol("(") || t.isSymbol("[")) {
                    depth++;
                } else if (t.isSymbol(")") || t.isSymbol("]")) {
                    depth--;
                } else if (depth == 0
                        && t.type() == TokenType.WORD
                        && stops.contains(t.text().toLowerCase(Locale.ROOT))) {
                    break;
                }
                i++;
            }
            return tokens.subList(from, i);
        }

        void skipUntil(String word) {
            until(Set.of(word));
        }

        List<Token> rest() {
            List<Token> r = tokens.subList(i, tokens.size());
            i = tokens.size();
            return r;
        }

        boolean containsTopLevel(String... words) {
            int depth = 0;
            for (int k = i; k < tokens.size(); k++) {
                Token t = tokens.get(k);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                } else if (depth == 0) {
                    int save = i;
                    i = k;
                    boolean match = peek(words);
                    i = save;
                    if (match) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
