package dev.srooter.server;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The gateway's settings: server.xml variables ({@code SROOTER_*}), which an environment variable or
 * bootstrap property of the same name overrides, bound into JNDI by server.xml.
 */
@ApplicationScoped
public class GatewaySettings {

    @Resource(lookup = "srooter/dataDir")
    String dataDir;

    @Resource(lookup = "srooter/pluginsDir")
    String pluginsDir;

    // jndiEntry turns values that look like numbers into numbers: take whatever type it gives.
    @Resource(lookup = "srooter/maxBodyBytes")
    Object maxBodyBytes;

    /** Parsed once: the limit is checked on every request. */
    private long maxBodyLimit;

    @PostConstruct
    void parse() {
        maxBodyLimit = Long.parseLong(maxBodyBytes.toString().trim());
        providerTimeout = Duration.ofMillis((long) (Double.parseDouble(providerTimeoutSeconds.toString()
                .trim()) * 1000));
        maxAnswerLimit = optional("srooter/maxAnswerBytes").filter(v -> !v.isBlank())
                .map(v -> Long.parseLong(v.trim())).orElse(maxAnswerLimit);
    }

    @Resource(lookup = "srooter/discoveryIntervalSeconds")
    Object discoveryIntervalSeconds;

    /**
     * A setting read in MicroProfile Config first ({@code property}: a system property, or the environment under its
     * upper-case name), then in JNDI ({@code jndiName}, bound in server.xml to a Liberty variable: the environment,
     * bootstrap.properties or the default there). MicroProfile Config alone does not see bootstrap.properties, where
     * every other {@code SROOTER_*} setting may be given: a setting read only there was ignored when set there.
     */
    private static Optional<String> setting(String property, String jndiName) {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(property, String.class)
                .or(() -> optional(jndiName)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static long number(Optional<String> value, long otherwise, String variable) {
        try {
            return value.map(Long::parseLong).orElse(otherwise);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(variable + " must be a whole number, not '" + value.get() + "'", e);
        }
    }

    /** Looked up by hand: Liberty binds no entry for an empty value, which here means "generate one". */
    private static Optional<String> optional(String name) {
        try {
            return Optional.ofNullable(new InitialContext().lookup(name)).map(Object::toString);
        } catch (NamingException unset) {
            return Optional.empty();
        }
    }

    /**
     * The folders under which an admin may register a server folder for Cortex ({@code srooter.cortex.roots},
     * or SROOTER_CORTEX_ROOTS: paths separated by commas); empty: any folder at least two levels deep.
     */
    public java.util.List<java.nio.file.Path> cortexRoots() {
        return setting("srooter.cortex.roots", "srooter/cortexRoots").stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                .map(java.nio.file.Path::of).toList();
    }

    private Optional<String> adminPassword() {
        return optional("srooter/adminPassword");
    }

    /**
     * The master key for credentials at rest: MicroProfile Config's {@code srooter.master.key} (a system
     * property, {@code microprofile-config.properties}, or the environment), else SROOTER_MASTER_KEY as
     * every other setting; empty when neither is set (a key file is generated then).
     */
    public String masterKey() {
        return setting("srooter.master.key", "srooter/masterKey").orElse("");
    }

    /** The master key before a rotation ({@code SROOTER_MASTER_KEY_PREVIOUS}); empty when none is under way. */
    public String previousMasterKey() {
        return setting("srooter.master.key.previous", "srooter/masterKeyPrevious").orElse("");
    }

    @Resource(lookup = "srooter/providerTimeoutSeconds")
    Object providerTimeoutSeconds;

    @Resource(lookup = "srooter/circuitOpenSeconds")
    Object circuitOpenSeconds;

    /** Parsed once ({@link #parse}): read on every call to a provider. */
    private Duration providerTimeout;

    /** How long a provider may take to start answering before the next model in the chain serves. */
    public Duration providerTimeout() {
        return providerTimeout;
    }

    /** How long a provider's circuit stays open after repeated failures. */
    public long circuitOpenMillis() {
        return (long) (Double.parseDouble(circuitOpenSeconds.toString().trim()) * 1000);
    }

    @Resource(lookup = "srooter/classifier")
    String classifier;

    @Resource(lookup = "srooter/ollamaUrl")
    String ollamaUrl;

    /** Where to look for a local Ollama ({@code off}: nowhere). */
    public String ollamaUrl() {
        return ollamaUrl == null ? "http://localhost:11434" : ollamaUrl.trim();
    }

    /** The intent classifier to run, by name ({@code none}: no classification). */
    public String classifier() {
        return classifier == null ? "local" : classifier.trim();
    }

    /**
     * SROOTER_SUBSCRIPTION_RENEW_AHEAD_SECONDS: the renewal round renews subscriptions' access tokens that expire within
     * this long; empty when a server's configuration does not name it (the round's own default then holds).
     */
    public Optional<Duration> subscriptionRenewAhead() {
        return optional("srooter/subscriptionRenewAheadSeconds").filter(v -> !v.isBlank())
                .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())));
    }

    /** How often every provider's models are listed again; 0 turns the schedule off. */
    public long discoveryIntervalSeconds() {
        return Long.parseLong(discoveryIntervalSeconds.toString().trim());
    }

    /** Where the database, the signing key pair and other state live. */
    public Path dataDir() {
        return Path.of(dataDir);
    }

    /**
     * Where online backups of the embedded database go ({@code -Dsrooter.backup.dir}, or SROOTER_BACKUP_DIR as
     * server.xml's other variables); by default {@code <data>/backups}.
     */
    public Path backupDir() {
        return setting("srooter.backup.dir", "srooter/backupDir").map(Path::of).orElse(dataDir().resolve("backups"));
    }

    /** Hours between scheduled backups of the embedded database (SROOTER_BACKUP_EVERY_HOURS; 0, the default: none). */
    public int backupEveryHours() {
        return (int) bounded(number(setting("srooter.backup.every.hours", "srooter/backupEveryHours"), 0,
                "SROOTER_BACKUP_EVERY_HOURS"), 0, 8760, "SROOTER_BACKUP_EVERY_HOURS");
    }

    /** How many backups are kept, the newest (SROOTER_BACKUP_KEEP; 0, the default: every one). */
    public int backupKeep() {
        return (int) bounded(number(setting("srooter.backup.keep", "srooter/backupKeep"), 0, "SROOTER_BACKUP_KEEP"),
                0, 10_000, "SROOTER_BACKUP_KEEP");
    }

    private static long bounded(long value, long min, long max, String variable) {
        if (value < min || value > max) {
            throw new IllegalStateException(variable + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /** Where plugin jars are loaded from. */
    public Path pluginsDir() {
        return Path.of(pluginsDir);
    }

    /** Request bodies above this size are refused with 413. */
    public long maxBodyBytes() {
        return maxBodyLimit;
    }

    /**
     * The largest whole (not streamed) answer srooter takes from a provider (SROOTER_MAX_ANSWER_BYTES, 128 MiB by
     * default); a larger one is a 502 instead of a full heap.
     */
    public long maxAnswerBytes() {
        return maxAnswerLimit;
    }

    private long maxAnswerLimit = 128L * 1024 * 1024;

    /**
     * The old generation's free space under which srooter calls a full collection ({@code srooter.heap.margin.mb},
     * or SROOTER_HEAP_MARGIN_MB; 8 MB by default, 0 turns it off): see {@link dev.srooter.server.ops.OldGenerationMargin}.
     */
    public long heapMarginBytes() {
        return number(setting("srooter.heap.margin.mb", "srooter/heapMarginMb"), 8, "SROOTER_HEAP_MARGIN_MB") << 20;
    }

    /**
     * The days audit records are kept ({@code -Dsrooter.audit.retention.days}, or SROOTER_AUDIT_RETENTION_DAYS from
     * the environment or bootstrap.properties, as server.xml's other variables; 0 by default: for ever), at least
     * {@link dev.srooter.server.audit.AuditRetention#MIN_DAYS} when set.
     */
    public int auditRetentionDays() {
        return dev.srooter.server.audit.AuditRetention.days(number(setting("srooter.audit.retention.days",
                "srooter/auditRetentionDays"), 0, "SROOTER_AUDIT_RETENTION_DAYS"));
    }

    /**
     * The longest a gateway key may live, in days ({@code -Dsrooter.key.max.days}, or SROOTER_KEY_MAX_DAYS as
     * server.xml's other variables; 0 by default: keys need not expire). A deployment's bound, like the audit
     * retention: an admin cannot lift it through the API.
     */
    public int keyMaxDays() {
        return (int) bounded(number(setting("srooter.key.max.days", "srooter/keyMaxDays"), 0, "SROOTER_KEY_MAX_DAYS"),
                0, 3650, "SROOTER_KEY_MAX_DAYS");
    }

    /**
     * server.xml's {@code <monitor filter>} (SROOTER_MONITOR_FILTER), which srooter applies to Liberty's per-request
     * HTTP statistics as well (see {@link dev.srooter.server.ops.LibertyHttpStatistics}); null when not bound.
     */
    public String monitorFilter() {
        return optional("srooter/monitorFilter").orElse(null);
    }

    /** The first admin's password; when absent one is generated and printed once. */
    public Optional<String> firstAdminPassword() {
        return adminPassword().filter(p -> !p.isBlank());
    }
}
