package dev.srooter.plugins.syslog;

import dev.srooter.api.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One audit record as an RFC 5424 syslog message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID audit - {"id":...}}.
 *
 * <ul>
 *   <li>The severity follows the answer's status: informational for a success, warning for a 4xx (a refusal, a
 *       budget, an unknown model), error for a 5xx. SIEM rules can pick out the failures by severity alone.
 *   <li>The timestamp is when the request was received (the record's {@code createdAt}), in microseconds, the finest
 *       RFC 5424 allows.
 *   <li>MSGID is {@code audit}. There is no structured data ({@code -}): an SD-ID of srooter's own would need an
 *       enterprise number, and SIEMs parse JSON in the message text more readily than SD-PARAMs.
 *   <li>The text is the record's fields in JSON ({@link AuditEvent#fields()}: the prompt only as its digest), every
 *       character outside ASCII escaped, so the message is ASCII and needs no byte order mark, and never holds a
 *       newline (line-framed receivers split on those).
 * </ul>
 */
final class Rfc5424 {

    private static final int INFORMATIONAL = 6;
    private static final int WARNING = 4;
    private static final int ERROR = 3;

    private Rfc5424() {
    }

    static byte[] message(AuditEvent event, SyslogSettings settings, long pid) {
        StringBuilder m = new StringBuilder(1024);
        m.append('<').append(settings.facility() * 8 + severity(event.status())).append(">1 ");
        m.append(event.createdAt() == null ? "-"
                : DateTimeFormatter.ISO_INSTANT.format(event.createdAt().truncatedTo(ChronoUnit.MICROS)));
        m.append(' ').append(settings.hostname()).append(' ').append(settings.appName()).append(' ').append(pid);
        m.append(" audit - ");
        json(event.fields(), m);
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static int severity(int status) {
        return status >= 500 ? ERROR : status >= 400 ? WARNING : INFORMATIONAL;
    }

    /** The fields as one JSON object in ASCII: strings escaped (RFC 8259), numbers as Java writes them. */
    static void json(Map<String, Object> fields, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(field.getKey(), out);
            out.append(':');
            Object value = field.getValue();
            if (value instanceof String s) {
                string(s, out);
            } else if (value instanceof Double d && !Double.isFinite(d)) {
                out.append("null"); // JSON has no NaN or infinity
            } else {
                out.append(value); // Boolean, Integer, Long, Double: Java's text is JSON's
            }
        }
        out.append('}');
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
