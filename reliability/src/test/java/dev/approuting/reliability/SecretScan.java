package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Proves that no password the suite made leaks: while a test class of the suite runs, every log event
 * of the root logger is captured (approuting, HikariCP and Flyway at DEBUG), and tests add what else
 * users see (command line output, exception messages, {@code toString}). After each class, everything
 * captured so far is scanned for every password registered so far; the last class covers the suite.
 */
public final class SecretScan implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> DEBUG_LOGGERS = List.of("dev.approuting", "com.zaxxer.hikari", "org.flywaydb");
    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();
    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<String> LOG_LINES = new ArrayList<>();
    private static final ListAppender<ILoggingEvent> APPENDER = new ListAppender<>();
    private static final Map<String, @Nullable Level> SAVED_LEVELS = new LinkedHashMap<>();

    /** Registers a password the suite made; it must appear nowhere users can see it. */
    static void password(String password) {
        assertThat(password).as("a registered password").hasSizeGreaterThanOrEqualTo(8);
        PASSWORDS.add(password);
    }

    /** Adds text a user sees (command line output, a report) to the scan. */
    static void text(String source, String text) {
        synchronized (TEXTS) {
            TEXTS.add(source + ": " + text);
        }
    }

    /** Adds the messages and {@code toString} of {@code failure} and its causes to the scan. */
    static void failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text("exception", t + " / " + t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (APPENDER) {
            for (String name : DEBUG_LOGGERS) {
                Logger logger = (Logger) LoggerFactory.getLogger(name);
                SAVED_LEVELS.put(name, logger.getLevel());
                logger.setLevel(Level.DEBUG);
            }
            APPENDER.list.clear();
            APPENDER.start();
            root().addAppender(APPENDER);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (APPENDER) {
            root().detachAppender(APPENDER);
            SAVED_LEVELS.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
            SAVED_LEVELS.clear();
            List<ILoggingEvent> events = new ArrayList<>(APPENDER.list);
            APPENDER.list.clear();
            for (ILoggingEvent event : events) {
                LOG_LINES.add(event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }
        List<String> texts;
        synchronized (TEXTS) {
            texts = List.copyOf(TEXTS);
        }
        for (String password : PASSWORDS) {
            for (String line : LOG_LINES) {
                assertThat(line).as("a captured log line").doesNotContain(password);
            }
            for (String text : texts) {
                assertThat(text).as("captured output").doesNotContain(password);
            }
        }
        Guarantees.record(
                "Secrets",
                "no password in any log line (DEBUG), exception message, toString or command line output",
                LOG_LINES.size() + " log lines and " + texts.size() + " messages/outputs scanned for "
                        + PASSWORDS.size() + " generated passwords: 0 found");
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
