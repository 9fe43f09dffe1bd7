package dev.srooter.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One finished gateway request, as audit sinks receive it. The prompt is present only as its SHA-256 digest.
 *
 * <p>This type grows: srooter adds an accessor for each new thing it records, and a sink built against an older
 * {@code api} keeps working, because every accessor it calls is still here with the same signature. That is why
 * this is a final class made by {@link #builder()} and not a record: a record's constructor changes with every
 * field added, which would break every plugin that calls it. Accessors of values srooter may not know (no
 * classifier ran, no risk was gauged) return null. See the compatibility rule in the package documentation.
 *
 * @since 0.1.0 (the accessors up to {@link #promptSha256()}); 0.2.0 the builder, {@link #intentConfidence()},
 *     {@link #riskScore()}, {@link #risk()}, {@link #task()}, {@link #turn()}, {@link #fields()}
 */
public final class AuditEvent {

    private final Builder b;

    private AuditEvent(Builder builder) {
        this.b = builder.copy();
    }

    /**
     * The 0.1.0 constructor, kept so that plugins built against 0.1.0 that make events (tests, replays) still link.
     *
     * @deprecated use {@link #builder()}, which does not change as fields are added
     */
    @Deprecated
    public AuditEvent(String id, Instant createdAt, String keyId, String username, String team, String endpoint,
                      String requestedModel, String servedModel, String provider, String route, String intent,
                      boolean streamed, long inputTokens, long outputTokens, long cacheReadTokens,
                      long cacheWriteTokens, double costUsd, boolean priceKnown, double latencyMs, Double ttfbMs,
                      int status, String errorType, String attempts, String policies, String skills,
                      String promptSha256) {
        this(builder().id(id).createdAt(createdAt).keyId(keyId).username(username).team(team).endpoint(endpoint)
                .requestedModel(requestedModel).servedModel(servedModel).provider(provider).route(route)
                .intent(intent).streamed(streamed).inputTokens(inputTokens).outputTokens(outputTokens)
                .cacheReadTokens(cacheReadTokens).cacheWriteTokens(cacheWriteTokens).costUsd(costUsd)
                .priceKnown(priceKnown).latencyMs(latencyMs).ttfbMs(ttfbMs).status(status).errorType(errorType)
                .attempts(attempts).policies(policies).skills(skills).promptSha256(promptSha256));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() { return b.id; }
    public Instant createdAt() { return b.createdAt; }
    public String keyId() { return b.keyId; }
    public String username() { return b.username; }
    public String team() { return b.team; }
    public String endpoint() { return b.endpoint; }
    public String requestedModel() { return b.requestedModel; }
    public String servedModel() { return b.servedModel; }
    public String provider() { return b.provider; }
    /** Every routing decision in order, {@code "; "} between them ({@code security -> m; fallback -> n}). */
    public String route() { return b.route; }
    public String intent() { return b.intent; }
    public boolean streamed() { return b.streamed; }
    public long inputTokens() { return b.inputTokens; }
    public long outputTokens() { return b.outputTokens; }
    public long cacheReadTokens() { return b.cacheReadTokens; }
    public long cacheWriteTokens() { return b.cacheWriteTokens; }
    public double costUsd() { return b.costUsd; }
    public boolean priceKnown() { return b.priceKnown; }
    public double latencyMs() { return b.latencyMs; }
    public Double ttfbMs() { return b.ttfbMs; }
    public int status() { return b.status; }
    public String errorType() { return b.errorType; }
    /** Every candidate model tried or skipped, in order, with its status, time and reason. */
    public String attempts() { return b.attempts; }
    public String policies() { return b.policies; }
    public String skills() { return b.skills; }
    public String promptSha256() { return b.promptSha256; }

    /** How sure the classifier was of {@link #intent()}, 0 to 1; null when none ran. @since 0.2.0 */
    public Double intentConfidence() { return b.intentConfidence; }
    /** The blast radius score in Cortex's graph, 0 to 100; null when not gauged. @since 0.2.0 */
    public Integer riskScore() { return b.riskScore; }
    /** The blast radius in words (level, touched, dependents, sensitive areas); null when not gauged. @since 0.2.0 */
    public String risk() { return b.risk; }
    /** The agent task the request was a turn of (a digest, never content); null when it was none. @since 0.2.0 */
    public String task() { return b.task; }
    /** Which turn of its task: 0 for the human turn, then 1, 2, ... for its follow-ups. @since 0.2.0 */
    public Integer turn() { return b.turn; }

    /**
     * Every field that has a value, named as the audit's JSON export names it, in the order of the accessors above;
     * null values are left out. For sinks that write each record whole (a JSON line, a syslog message): a field
     * srooter adds later reaches them without a change. Values are {@code String}, {@code Boolean}, {@code Long},
     * {@code Integer} or {@code Double}; {@code createdAt} is its ISO-8601 text.
     *
     * @since 0.2.0
     */
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "id", b.id);
        put(f, "createdAt", b.createdAt == null ? null : b.createdAt.toString());
        put(f, "keyId", b.keyId);
        put(f, "username", b.username);
        put(f, "team", b.team);
        put(f, "endpoint", b.endpoint);
        put(f, "requestedModel", b.requestedModel);
        put(f, "servedModel", b.servedModel);
        put(f, "provider", b.provider);
        put(f, "route", b.route);
        put(f, "intent", b.intent);
        put(f, "intentConfidence", b.intentConfidence);
        put(f, "streamed", b.streamed);
        put(f, "inputTokens", b.inputTokens);
        put(f, "outputTokens", b.outputTokens);
        put(f, "cacheReadTokens", b.cacheReadTokens);
        put(f, "cacheWriteTokens", b.cacheWriteTokens);
        put(f, "costUsd", b.costUsd);
        put(f, "priceKnown", b.priceKnown);
        put(f, "latencyMs", b.latencyMs);
        put(f, "ttfbMs", b.ttfbMs);
        put(f, "status", b.status);
        put(f, "errorType", b.errorType);
        put(f, "attempts", b.attempts);
        put(f, "policies", b.policies);
        put(f, "skills", b.skills);
        put(f, "riskScore", b.riskScore);
        put(f, "risk", b.risk);
        put(f, "task", b.task);
        put(f, "turn", b.turn);
        put(f, "promptSha256", b.promptSha256);
        return Collections.unmodifiableMap(f);
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditEvent e && Objects.equals(b.id, e.b.id) && Objects.equals(b.createdAt, e.b.createdAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(b.id, b.createdAt);
    }

    @Override
    public String toString() {
        return "AuditEvent[" + b.id + " " + b.requestedModel + " -> " + b.servedModel + " " + b.status + "]";
    }

    /** Sets the fields of an event; anything not set is null, zero or false. */
    public static final class Builder implements Cloneable {
        private String id, keyId, username, team, endpoint, requestedModel, servedModel, provider, route, intent;
        private String errorType, attempts, policies, skills, promptSha256, risk, task;
        private Instant createdAt;
        private boolean streamed, priceKnown;
        private long inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens;
        private double costUsd, latencyMs;
        private Double ttfbMs, intentConfidence;
        private int status;
        private Integer riskScore, turn;

        private Builder() {
        }

        /** A snapshot, so that an event never changes when its builder is used again. */
        private Builder copy() {
            try {
                return (Builder) super.clone();
            } catch (CloneNotSupportedException impossible) {
                throw new AssertionError(impossible);
            }
        }

        public Builder id(String v) { id = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder keyId(String v) { keyId = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder team(String v) { team = v; return this; }
        public Builder endpoint(String v) { endpoint = v; return this; }
        public Builder requestedModel(String v) { requestedModel = v; return this; }
        public Builder servedModel(String v) { servedModel = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder route(String v) { route = v; return this; }
        public Builder intent(String v) { intent = v; return this; }
        public Builder streamed(boolean v) { streamed = v; return this; }
        public Builder inputTokens(long v) { inputTokens = v; return this; }
        public Builder outputTokens(long v) { outputTokens = v; return this; }
        public Builder cacheReadTokens(long v) { cacheReadTokens = v; return this; }
        public Builder cacheWriteTokens(long v) { cacheWriteTokens = v; return this; }
        public Builder costUsd(double v) { costUsd = v; return this; }
        public Builder priceKnown(boolean v) { priceKnown = v; return this; }
        public Builder latencyMs(double v) { latencyMs = v; return this; }
        public Builder ttfbMs(Double v) { ttfbMs = v; return this; }
        public Builder status(int v) { status = v; return this; }
        public Builder errorType(String v) { errorType = v; return this; }
        public Builder attempts(String v) { attempts = v; return this; }
        public Builder policies(String v) { policies = v; return this; }
        public Builder skills(String v) { skills = v; return this; }
        public Builder promptSha256(String v) { promptSha256 = v; return this; }
        public Builder intentConfidence(Double v) { intentConfidence = v; return this; }
        public Builder riskScore(Integer v) { riskScore = v; return this; }
        public Builder risk(String v) { risk = v; return this; }
        public Builder task(String v) { task = v; return this; }
        public Builder turn(Integer v) { turn = v; return this; }

        public AuditEvent build() {
            return new AuditEvent(this);
        }
    }
}
