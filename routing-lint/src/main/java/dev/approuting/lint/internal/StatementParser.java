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
    private static final Set<String> DDL_WORDS =
            Set.of("alter", "create", "drop", "truncate", "reindex", "vacuum", "comment", "grant", "revoke");

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
            if (c.accept("table")) {
                return alterTable(c);
            }
            if (c.accept("type")) {
                String type = c.name();
                if (c.accept("rename", "value")) {
                    return new Stmt.RenameEnumValue(type);
                }
                if (c.accept("add", "value")) {
                    return new Stmt.AddEnumValue(type);
                }
                return new Stmt.Other();
            }
            if (c.accept("system")) {
                return new Stmt.NonTransactional("ALTER SYSTEM");
            }
            return new Stmt.Other();
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
        if (c.peek("vacuum")) {
            return new Stmt.NonTransactional("VACUUM");
        }
        if (c.peek("discard", "all")) {
            return new Stmt.NonTransactional("DISCARD ALL");
        }
        return new Stmt.Other();
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
        c.accept("or", "replace");
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
            c.accept("only");
            return new Stmt.CreateIndex(name, c.name(), concurrently);
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
        if (c.acceptAny("database", "tablespace", "subscription")) {
            return new Stmt.NonTransactional("CREATE " + c.previous().text().toUpperCase(Locale.ROOT));
        }
        c.accept("materialized");
        c.accept("recursive");
        if (c.acceptAny("type", "view", "sequence", "domain")) {
            String kind = c.previous().identifier();
            c.accept("if", "not", "exists");
            return new Stmt.Create(kind, c.name());
        }
        return new Stmt.Other();
    }

    private static Stmt createTable(String table, Cursor c) {
        List<Column> columns = new ArrayList<>();
        List<Constraint> constraints = new ArrayList<>();
        if (c.acceptSymbol("(")) {
            for (List<Token> element : splitTopLevel(c.untilClose())) {
                Cursor e = new Cursor(element);
                if (e.atEnd() || e.peek("like")) {
                    continue;
                }
                if (e.peekAny(TABLE_CONSTRAINT_WORDS)) {
                    constraints.add(tableConstraint(e));
                } else {
                    columns.add(columnDef(e));
                }
            }
        }
        return new Stmt.CreateTable(table, columns, constraints);
    }

    private static Stmt drop(Cursor c) {
        if (c.accept("index")) {
            boolean concurrently = c.accept("concurrently");
            c.accept("if", "exists");
            return new Stmt.DropIndex(nameList(c), concurrently);
        }
        if (c.acceptAny("database", "tablespace", "subscription")) {
            return new Stmt.NonTransactional("DROP " + c.previous().text().toUpperCase(Locale.ROOT));
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
        if (c.acceptSymbol("(")) {
            c.untilClose();
        }
        c.accept("verbose");
        Token kindToken = c.next();
        String kind = kindToken == null ? "" : kindToken.identifier();
        boolean concurrently = c.accept("concurrently");
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
            if (c.peek("constraint")) {
                return new Stmt.OtherAction();
            }
            c.accept("column");
            c.accept("if", "exists");
            return new Stmt.DropColumn(c.name());
        }
        if (c.accept("alter")) {
            if (c.peek("constraint")) {
                return new Stmt.OtherAction();
            }
            c.accept("column");
            String column = c.name();
            if (c.accept("set", "data", "type") || c.accept("type")) {
                TypeName type = typeName(c);
                c.skipUntil("using");
                return new Stmt.AlterColumnType(column, type, c.accept("using"));
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
            return new Stmt.OtherAction();
        }
        if (c.accept("validate", "constraint")) {
            return new Stmt.ValidateConstraint(c.name());
        }
        if (c.accept("rename")) {
            if (c.accept("to")) {
                return new Stmt.RenameTable(c.name());
            }
            if (c.peek("constraint")) {
                return new Stmt.OtherAction();
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
        return new Stmt.OtherAction();
    }

    private static Constraint tableConstraint(Cursor c) {
        String name = null;
        if (c.accept("constraint")) {
            name = c.name();
        }
        ConstraintKind kind;
        boolean usingIndex = false;
        String notNullColumn = null;
        if (c.accept("check")) {
            kind = ConstraintKind.CHECK;
            if (c.acceptSymbol("(")) {
                notNullColumn = isNotNullColumn(c.untilClose());
            }
        } else if (c.accept("unique") || c.accept("primary", "key")) {
            kind = c.previous().is("key") ? ConstraintKind.PRIMARY_KEY : ConstraintKind.UNIQUE;
            usingIndex = c.peek("using", "index") && !c.peek("using", "index", "tablespace");
        } else if (c.accept("foreign", "key")) {
            kind = ConstraintKind.FOREIGN_KEY;
        } else if (c.accept("exclude")) {
            kind = ConstraintKind.EXCLUDE;
        } else {
            kind = ConstraintKind.OTHER;
        }
        return new Constraint(name, kind, c.containsTopLevel("not", "valid"), usingIndex, notNullColumn);
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
                } else {
                    c.accept("always");
                    c.accept("as");
                    generatedStored = true;
                }
                if (c.acceptSymbol("(")) {
                    c.untilClose();
                }
                c.accept("stored");
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
        return new Column(name, type, notNull, defaultExpr, identity, generatedStored, references, unique, check);
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
