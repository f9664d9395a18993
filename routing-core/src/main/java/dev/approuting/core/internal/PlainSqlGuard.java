package dev.approuting.core.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Name;
import org.jooq.Queries;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-app guard for plain SQL ({@code dsl.fetch("SELECT … FROM users.user_account")}), which the
 * {@link CrossAppGuard} cannot see before it runs. After PostgreSQL refuses such a query for a table or schema
 * that does not exist in this database (SQLState 42P01 or 3F000) and the schema is an app the service routes to
 * another database, the failure becomes the guard's {@link ErrorCode#CROSS_DATABASE_ACCESS} error, PostgreSQL's
 * own error its cause. With {@code parse} on, every query is also parsed with jOOQ's parser before it runs and its
 * tables checked like those of a jOOQ-built query, which also stops a query that would have read a schema of the
 * same name in the wrong database; a statement the parser cannot read runs unchecked (logged at DEBUG).
 */
public final class PlainSqlGuard implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(PlainSqlGuard.class);
    private static final Pattern MISSING_RELATION = Pattern.compile("relation \"([^\"]+)\\.([^\".]+)\" does not exist");
    private static final Pattern MISSING_SCHEMA = Pattern.compile("schema \"([^\"]+)\" does not exist");

    private final transient CrossAppGuard guard;
    private final boolean parse;

    public PlainSqlGuard(CrossAppGuard guard, boolean parse) {
        this.guard = guard;
        this.parse = parse;
    }

    @Override
    public void executeStart(ExecuteContext context) {
        String sql = context.sql();
        if (!parse || sql == null) {
            return;
        }
        Queries queries;
        try {
            queries = DSL.using(SQLDialect.POSTGRES).parser().parse(sql);
        } catch (ParserException e) {
            log.debug(
                    "{}: plain SQL not checked by the cross-app guard, jOOQ's parser cannot read it: {}",
                    guard.db(),
                    e.getMessage());
            return;
        }
        DSLContext render =
                DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(new VisitListener() {
                    @Override
                    public void visitStart(VisitContext visit) {
                        QueryPart part = visit.queryPart();
                        if (part instanceof Table<?> table) {
                            Name name = table.getQualifiedName();
                            if (name.qualified()) {
                                Name schema = name.qualifier();
                                guard.check(schema == null ? "" : schema.last(), name.last());
                            }
                        }
                    }
                }));
        for (Query query : queries) {
            render.render(query);
        }
    }

    @Override
    public void exception(ExecuteContext context) {
        SQLException sql = context.sqlException();
        RuntimeException current = context.exception();
        if (sql == null || current == null) {
            return;
        }
        String state = String.valueOf(sql.getSQLState());
        String message = String.valueOf(sql.getMessage());
        Optional<RoutingException> translated = Optional.empty();
        if (state.equals("42P01")) {
            Matcher relation = MISSING_RELATION.matcher(message);
            if (relation.find()) {
                translated = guard.problem(relation.group(1), relation.group(2), more(message), current);
            }
        } else if (state.equals("3F000")) {
            Matcher schema = MISSING_SCHEMA.matcher(message);
            if (schema.find()) {
                translated = guard.problem(schema.group(1), "*", more(message), current);
            }
        }
        translated.ifPresent(context::exception);
    }

    private static String more(String postgres) {
        return " (PostgreSQL: " + List.of(postgres.split("\n")).get(0) + ")";
    }
}
