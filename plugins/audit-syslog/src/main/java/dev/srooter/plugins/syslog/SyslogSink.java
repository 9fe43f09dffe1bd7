package dev.srooter.plugins.syslog;

import dev.srooter.api.AuditEvent;
import dev.srooter.api.AuditSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Sends every audit record to a syslog receiver (rsyslog, syslog-ng, a SIEM's syslog input) as one RFC 5424
 * message whose text is the record in JSON ({@link Rfc5424}), over TCP by default, TLS or UDP
 * ({@link SyslogSettings} lists the settings).
 *
 * <pre>
 * PUT /api/audit/sinks/syslog
 * {"enabled": true, "settings": {"host": "siem.example.internal", "transport": "tls", "facility": "local0"}}
 * </pre>
 *
 * srooter calls {@link #configure} when an admin saves the settings (a refusal is the admin's 400) and
 * {@link #write} from the sink's own thread with each batch the database has stored; a batch that throws is
 * offered again.
 */
@Extension
public class SyslogSink implements AuditSink {

    private static final long PID = ProcessHandle.current().pid();

    private SyslogSettings settings;
    private SyslogChannel channel;

    @Override
    public String name() {
        return "syslog";
    }

    @Override
    public synchronized void configure(Map<String, String> configured) throws Exception {
        SyslogSettings parsed = SyslogSettings.parse(configured);
        SyslogChannel opened = SyslogChannel.open(parsed); // reads caFile now: a bad one is refused on saving
        close();
        settings = parsed;
        channel = opened;
    }

    @Override
    public synchronized void write(List<AuditEvent> batch) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("the syslog sink has no settings: it needs at least a host");
        }
        List<byte[]> messages = new ArrayList<>(batch.size());
        for (AuditEvent event : batch) {
            messages.add(Rfc5424.message(event, settings, PID));
        }
        channel.send(messages);
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
