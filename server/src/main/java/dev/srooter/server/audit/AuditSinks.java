package dev.srooter.server.audit;

import dev.srooter.api.AuditEvent;
import dev.srooter.api.AuditSink;
import dev.srooter.server.GatewaySettings;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.Sql;
import dev.srooter.server.translate.Js;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit sinks besides the database (which always receives every record: srooter's own queries read it).
 * An admin enables a sink plugin by name with its settings; the audit writer hands each batch, after the
 * database has it, to every enabled sink of the current plugin generation.
 */
@ApplicationScoped
public class AuditSinks {

    private static final Logger LOG = Logger.getLogger(AuditSinks.class.getName());
    private static final int ATTEMPTS = 3;

    /** A sink as an admin set it. */
    public record State(String name, boolean enabled, Map<String, String> settings, boolean installed) {
    }

    @Inject
    Sql sql;

    @Inject
    PluginHost plugins;

    @Inject
    GatewaySettings gateway;

    private volatile Map<String, State> states = Map.of();
    /** The settings each sink instance was last configured with (instances change with plugin generations). */
    private final Map<AuditSink, Map<String, String>> configured = new IdentityHashMap<>();

    public void reload() {
        Map<String, State> loaded = new LinkedHashMap<>();
        sql.query("SELECT name, enabled, settings FROM audit_sinks ORDER BY name", row -> {
            JsonObject json = Js.parse(row.getString(3).getBytes(StandardCharsets.UTF_8));
            Map<String, String> settings = new LinkedHashMap<>();
            json.forEach((k, v) -> settings.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
            return new State(row.getString(1), row.getBoolean(2), Map.copyOf(settings), true);
        }).forEach(s -> loaded.put(s.name(), s));
        states = Map.copyOf(loaded);
    }

    /** Every sink: the database, the installed sink plugins and any an admin set whose plugin is gone. */
    public List<State> list() {
        List<State> all = new ArrayList<>();
        all.add(new State("database", true, Map.of(), true));
        Map<String, AuditSink> installed = plugins.auditSinks();
        for (String name : new java.util.TreeSet<>(installed.keySet())) {
            State s = states.get(name);
            all.add(new State(name, s != null && s.enabled(), s == null ? Map.of() : s.settings(), true));
        }
        for (State s : states.values()) {
            if (!installed.containsKey(s.name())) {
                all.add(new State(s.name(), s.enabled(), s.settings(), false));
            }
        }
        return all;
    }

    public void put(String name, boolean enabled, JsonObject settings) {
        String json = new String(Js.bytes(settings), StandardCharsets.UTF_8);
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM audit_sinks WHERE name = ?", name);
            return Sql.update(c, "INSERT INTO audit_sinks (name, enabled, settings) VALUES (?, ?, ?)", name, enabled,
                    json);
        });
        reload();
    }

    /** Hands a batch the database has stored to every enabled sink; failures are logged, never thrown. */
    void deliver(List<AuditRecord> records) {
        if (states.values().stream().noneMatch(State::enabled)) {
            return;
        }
        List<AuditEvent> events = records.stream().map(AuditSinks::event).toList();
        try (PluginHost.Lease lease = plugins.lease()) {
            for (Map.Entry<String, AuditSink> entry : lease.auditSinks().entrySet()) {
                State state = states.get(entry.getKey());
                if (state != null && state.enabled()) {
                    deliver(entry.getValue(), state, events);
                }
            }
        }
    }

    private void deliver(AuditSink sink, State state, List<AuditEvent> events) {
        Map<String, String> settings = new LinkedHashMap<>(state.settings());
        settings.putIfAbsent("dataDir", gateway.dataDir().toString());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                synchronized (configured) {
                    if (!settings.equals(configured.get(sink))) {
                        sink.configure(Map.copyOf(settings));
                        configured.put(sink, settings);
                    }
                }
                sink.write(events);
                return;
            } catch (Exception | LinkageError e) {
                if (attempt == ATTEMPTS) {
                    LOG.log(Level.SEVERE, "srooter: audit sink " + sink.name() + " lost a batch of " + events.size()
                            + " records after " + ATTEMPTS + " attempts", e);
                    return;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static AuditEvent event(AuditRecord r) {
        return AuditEvent.builder().id(r.id).createdAt(r.createdAt).keyId(r.keyId).username(r.username).team(r.team)
                .endpoint(r.endpoint).requestedModel(r.requestedModel).servedModel(r.servedModel).provider(r.provider)
                .route(r.route).intent(r.intent).intentConfidence(r.intentConfidence).streamed(r.streamed)
                .inputTokens(r.inputTokens).outputTokens(r.outputTokens).cacheReadTokens(r.cacheReadTokens)
                .cacheWriteTokens(r.cacheWriteTokens).costUsd(r.costUsd).priceKnown(r.priceKnown)
                .latencyMs(r.latencyMs).ttfbMs(r.ttfbMs).status(r.status).errorType(r.errorType).attempts(r.attempts)
                .policies(r.policies).skills(r.skills).riskScore(r.riskScore).risk(r.risk).task(r.task).turn(r.turn)
                .promptSha256(r.promptSha256).build();
    }
}
