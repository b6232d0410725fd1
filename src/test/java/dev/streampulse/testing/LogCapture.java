package dev.streampulse.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line exactly as the app's console appender would print it (same layout,
 * same masking), so tests assert on what an operator would really see.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerConfig root;

    @SuppressWarnings("unchecked")
    public LogCapture() {
        super("capture", null, layoutOfConsole(), true, Property.EMPTY_ARRAY);
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        start();
        root = cfg.getRootLogger();
        root.addAppender(this, null, null);
        ctx.updateLoggers();
    }

    private static Layout<String> layoutOfConsole() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Appender out = ctx.getConfiguration().getAppender("out");
        @SuppressWarnings("unchecked")
        Layout<String> layout = (Layout<String>) out.getLayout();
        return layout;
    }

    @Override
    public void append(LogEvent event) {
        lines.add((String) getLayout().toSerializable(event));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("", lines);
    }

    public long count(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).count();
    }

    @Override
    public void close() {
        root.removeAppender("capture");
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
        stop();
    }
}
