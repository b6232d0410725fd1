package dev.streampulse.ops;

import dev.streampulse.config.UrlRedactor;
import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/**
 * {@code %redact{pattern}} in log4j2.xml: formats the inner pattern (message, stack trace) and masks
 * URL passwords and secret query values with {@link UrlRedactor}, the same redactor pages and the
 * API use — a last line of defence, since code logs redacted URLs only.
 */
@Plugin(name = "RedactConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"redact"})
public final class RedactConverter extends LogEventPatternConverter {
    private final List<PatternFormatter> formatters;

    private RedactConverter(List<PatternFormatter> formatters) {
        super("redact", "redact");
        this.formatters = formatters;
    }

    public static RedactConverter newInstance(Configuration config, String[] options) {
        String inner = options == null || options.length == 0 ? "%m" : options[0];
        return new RedactConverter(PatternLayout.createPatternParser(config).parse(inner));
    }

    @Override
    public void format(LogEvent event, StringBuilder out) {
        StringBuilder sb = new StringBuilder();
        for (PatternFormatter f : formatters) f.format(event, sb);
        out.append(UrlRedactor.redact(sb.toString()));
    }

    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
