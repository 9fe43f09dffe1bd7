package dev.srooter.server.audit;

import dev.srooter.api.AuditEvent;
import dev.srooter.api.AuditSink;
import dev.srooter.server.GatewaySettings;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.security.SecretBox;
import dev.srooter.server.security.SecretNames;
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
 * An admin enables a sink plugin by name with its settings; the audit writer leaves each batch, after the
 * database has it, for every enabled sink ({@link SinkOutbox}: the sink's own thread hands it to the sink of the
 * current plugin generation).
 */
@ApplicationScoped
public class AuditSinks {

    private static final Logger LOG = Logger.getLogger(AuditSinks.class.getName());
    private static final int ATTEMPTS = 3;

    /**
     * A sink as an admin set it; in memory its secret settings are in clear, for the sink. {@code waiting}: records
     * left for it and not yet handed over; {@code dropped}: records it missed since the node started, for being
     * {@link SinkOutbox#MAX_RECORDS} behind.
     */
    public record State(String name, boolean enabled, Map<String, String> settings, boolean installed, int waiting,
                        long dropped) {

        State(String name, boolean enabled, Map<String, String> settings, boolean installed) {
            this(name, enabled, settings, installed, 0, 0);
        }

        /** The state as the API shows it, to auditors too: every secret setting masked. */
        public State masked() {
            Map<String, String> shown = new LinkedHashMap<>();
            settings.forEach((k, v) -> shown.put(k, SecretNames.secret(k) ? SecretNames.MASK : v));
            return new State(name, enabled, shown, installed, waiting, dropped);
        }
    }

    private volatile SecretBox box;

    /** The key that seals secret settings (a webhook's authorization) in the database. */
    public void init(SecretBox secretBox) {
        this.box = secretBox;
    }

    @Inject
    Sql sql;

    @Inject
    PluginHost plugins;

    @Inject
    GatewaySettings gateway;

    @Inject
    dev.srooter.server.ops.GatewayMetrics metrics;

    private volatile Map<String, State> states = Map.of();
    /** Each sink's batches waiting for it, made when the sink first has one. */
    private final Map<String, SinkOutbox> outboxes = new java.util.concurrent.ConcurrentHashMap<>();
    /** The settings each sink instance was last configured with (instances change with plugin generations). */
    private final Map<AuditSink, Map<String, String>> configured = new IdentityHashMap<>();
    /** Whose turn it is to write to each sink instance (guarded, like {@code configured}, by its monitor). */
    private final Map<AuditSink, java.util.concurrent.locks.ReentrantLock> turns = new IdentityHashMap<>();

    public void reload() {
        Map<String, State> loaded = new LinkedHashMap<>();
        List<State> unsealed = new ArrayList<>();
        sql.query("SELECT name, enabled, settings FROM audit_sinks ORDER BY name", row -> {
            String name = row.getString(1);
            JsonObject json = Js.parse(row.getString(3).getBytes(StandardCharsets.UTF_8));
            Map<String, String> settings = new LinkedHashMap<>();
            boolean clear = false;
            for (Map.Entry<String, jakarta.json.JsonValue> e : json.entrySet()) {
                String value = e.getValue() instanceof JsonString s ? s.getString() : e.getValue().toString();
                if (SecretNames.secret(e.getKey()) && SecretBox.isSealed(value)) {
                    value = box.unseal(value, boundTo(name, e.getKey()));
                } else if (SecretNames.secret(e.getKey())) {
                    clear = true; // stored before secrets were sealed: sealed below
                }
                settings.put(e.getKey(), value);
            }
            State state = new State(name, row.getBoolean(2), Map.copyOf(settings), true);
            if (clear) {
                unsealed.add(state);
            }
            return state;
        }).forEach(s -> loaded.put(s.name(), s));
        states = Map.copyOf(loaded);
        for (State s : unsealed) {
            store(s.name(), s.enabled(), s.settings());
        }
    }

    private static String boundTo(String sink, String setting) {
        return "audit-sink:" + sink + ":" + setting;
    }

    /** Every sink: the database, the installed sink plugins and any an admin set whose plugin is gone. */
    public List<State> list() {
        List<State> all = new ArrayList<>();
        all.add(new State("database", true, Map.of(), true));
        Map<String, AuditSink> installed = plugins.auditSinks();
        for (String name : new java.util.TreeSet<>(installed.keySet())) {
            State s = states.get(name);
            SinkOutbox outbox = outboxes.get(name);
            all.add(new State(name, s != null && s.enabled(), s == null ? Map.of() : s.settings(), true,
                    outbox == null ? 0 : outbox.waiting(), outbox == null ? 0 : outbox.dropped()));
        }
        for (State s : states.values()) {
            if (!installed.containsKey(s.name())) {
                all.add(new State(s.name(), s.enabled(), s.settings(), false));
            }
        }
        return all;
    }

    /**
     * Sets a sink. A secret setting sent back as {@link SecretNames#MASK} keeps the stored secret, so an admin can
     * change other settings without seeing or retyping it. A sink being enabled is configured with the settings
     * first: one that refuses them (a webhook without its url, a syslog sink without its host) is not saved, and the
     * refusal is the caller's {@link IllegalArgumentException}, not a batch lost later on the audit writer.
     */
    public void put(String name, boolean enabled, JsonObject settings) {
        State before = states.get(name);
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            String value = v instanceof JsonString s ? s.getString() : v.toString();
            if (SecretNames.secret(k) && SecretNames.MASK.equals(value) && before != null
                    && before.settings().containsKey(k)) {
                value = before.settings().get(k);
            }
            values.put(k, value);
        });
        if (enabled) {
            configureNow(name, values);
        }
        store(name, enabled, values);
        reload();
    }

    private void configureNow(String name, Map<String, String> values) {
        AuditSink sink = plugins.auditSinks().get(name);
        if (sink == null) {
            return;
        }
        Map<String, String> settings = new LinkedHashMap<>(values);
        settings.putIfAbsent("dataDir", gateway.dataDir().toString());
        synchronized (configured) {
            try {
                sink.configure(Map.copyOf(settings));
                configured.put(sink, settings);
            } catch (Exception | LinkageError e) {
                configured.remove(sink); // configured again with the stored settings before its next batch
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new IllegalArgumentException("the " + name + " sink refused these settings: " + reason, e);
            }
        }
    }

    /** Writes a sink's row, every secret setting sealed. */
    private void store(String name, boolean enabled, Map<String, String> settings) {
        jakarta.json.JsonObjectBuilder sealed = jakarta.json.Json.createObjectBuilder();
        settings.forEach((k, v) -> sealed.add(k, SecretNames.secret(k) ? box.seal(v, boundTo(name, k)) : v));
        String json = new String(Js.bytes(sealed.build()), StandardCharsets.UTF_8);
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM audit_sinks WHERE name = ?", name);
            return Sql.update(c, "INSERT INTO audit_sinks (name, enabled, settings) VALUES (?, ?, ?)", name, enabled,
                    json);
        });
    }

    /**
     * Leaves a batch the database has stored for every enabled sink, in the sink's own {@link SinkOutbox}, and
     * returns at once: the audit writer never waits for a sink.
     */
    void deliver(List<AuditRecord> records) {
        if (records.isEmpty() || states.values().stream().noneMatch(State::enabled)) {
            return;
        }
        List<AuditEvent> events = records.stream().map(AuditSinks::event).toList();
        for (State state : states.values()) {
            if (state.enabled()) {
                outboxes.computeIfAbsent(state.name(), this::outbox).offer(events);
            }
        }
    }

    private SinkOutbox outbox(String name) {
        SinkOutbox outbox = new SinkOutbox(name, SinkOutbox.MAX_RECORDS, batch -> handOver(name, batch));
        if (metrics != null) { // null in tests that make the sinks by hand
            metrics.auditSink(name, outbox::waiting, outbox::dropped);
        }
        return outbox;
    }

    /**
     * On the sink's own thread: hands a batch to the sink of the current plugin generation, if it is still enabled
     * and installed; failures are logged, never thrown.
     */
    private void handOver(String name, List<AuditEvent> events) {
        State state = states.get(name);
        if (state == null || !state.enabled()) {
            return; // disabled since: what waited for it is not wanted
        }
        try (PluginHost.Lease lease = plugins.lease()) {
            AuditSink sink = lease.auditSinks().get(name);
            if (sink != null) {
                deliver(sink, state, events);
            }
        }
    }

    /**
     * At a clean stop, after the audit writer's last batch: gives the sinks up to {@code millis} in all to take what
     * waits for them.
     */
    void stop(long millis) {
        long until = System.currentTimeMillis() + millis;
        for (SinkOutbox outbox : outboxes.values()) {
            outbox.stop(Math.max(1, until - System.currentTimeMillis()));
        }
    }

    private void deliver(AuditSink sink, State state, List<AuditEvent> events) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                writeOnce(sink, state, events, false);
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

    /**
     * Configures the sink if its settings changed, then writes. Writes to one sink go one at a time (its own thread's
     * batches and an admin's test record), as the {@code AuditSink} contract promises; an admin's test waits for the
     * sink's turn {@link #TEST_WAIT_SECONDS} at most, its own thread as long as it takes.
     */
    private void writeOnce(AuditSink sink, State state, List<AuditEvent> events, boolean test) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(state.settings());
        settings.putIfAbsent("dataDir", gateway.dataDir().toString());
        java.util.concurrent.locks.ReentrantLock turn;
        synchronized (configured) {
            turn = turns.computeIfAbsent(sink, s -> new java.util.concurrent.locks.ReentrantLock());
        }
        if (!test) {
            turn.lock();
        } else if (!turn.tryLock(TEST_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new java.io.IOException("it has been writing one batch for over " + TEST_WAIT_SECONDS
                    + " s: its receiver is slow or away");
        }
        try {
            synchronized (configured) {
                if (!settings.equals(configured.get(sink))) {
                    sink.configure(Map.copyOf(settings));
                    configured.put(sink, settings);
                }
            }
            sink.write(events);
        } finally {
            turn.unlock();
        }
    }

    /** The longest an admin's test record waits for a sink busy with a batch. */
    static final int TEST_WAIT_SECONDS = 15;

    /**
     * Sends one made-up record to a sink now, once, with its saved settings, so an admin setting up a receiver knows
     * at once whether it takes records: its id begins {@code sink-test-}, its endpoint and route are
     * {@code sink-test}, and it is in no database. Returns the id; throws {@link IllegalStateException} with the
     * sink's reason when it could not deliver, {@link IllegalArgumentException} when it has no settings saved (or its
     * plugin is gone).
     */
    public String test(String name, String admin) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("the " + name + " sink has no settings saved: save them first");
        }
        String id = "sink-test-" + java.util.UUID.randomUUID();
        AuditEvent event = AuditEvent.builder().id(id).createdAt(java.time.Instant.now()).username(admin)
                .endpoint("sink-test").route("sink-test").status(200).build();
        try (PluginHost.Lease lease = plugins.lease()) {
            AuditSink sink = lease.auditSinks().get(name);
            if (sink == null) {
                throw new IllegalArgumentException("no audit sink plugin named '" + name + "' is installed");
            }
            try {
                writeOnce(sink, state, List.of(event), true);
            } catch (Exception | LinkageError e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new IllegalStateException("the " + name + " sink could not deliver a test record: " + reason,
                        e);
            }
        }
        return id;
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
