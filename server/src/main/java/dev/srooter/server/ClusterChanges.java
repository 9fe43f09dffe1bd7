package dev.srooter.server;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps what a node holds in memory for the request path in step with changes made on other nodes sharing its
 * database. An admin change on any node raises one counter ({@code cluster_changes}); every node reads it each second
 * ({@link #run}) and, when it moved, reloads routing, providers and credentials, audit sinks, policies, skills, caps
 * and limits, and forgets the gateway keys it had verified (a revoked key is refused everywhere within about a
 * second), takes plugin jars uploaded, removed, enabled or disabled elsewhere, opens or closes repositories registered or removed in Cortex. Settings read on every use from the database
 * need nothing: budgets' spend, learned routes. The same round keeps a heartbeat per node ({@code cluster_nodes}),
 * so that task state is shared turn by turn while other nodes are alive ({@link dev.srooter.server.tasks.TaskBook}).
 */
@ApplicationScoped
public class ClusterChanges implements Runnable {

    private static final Logger LOG = Logger.getLogger(ClusterChanges.class.getName());
    private static final String SETTINGS = "settings";

    @Inject Sql sql;
    @Inject dev.srooter.server.routing.RuleBook routing;
    @Inject dev.srooter.server.providers.ProviderCatalog providers;
    @Inject dev.srooter.server.audit.AuditSinks auditSinks;
    @Inject dev.srooter.server.policy.PolicyBook policies;
    @Inject dev.srooter.server.skills.SkillBook skills;
    @Inject dev.srooter.server.budget.Budgets budgets;
    @Inject dev.srooter.server.limits.RateLimits limits;
    @Inject dev.srooter.server.keys.GatewayKeys keys;
    @Inject dev.srooter.server.tasks.TaskBook tasks;
    @Inject dev.srooter.server.cortex.Cortex cortex;
    @Inject dev.srooter.server.cortex.BlastRadius blastRadius;
    @Inject dev.srooter.server.plugins.PluginJars pluginJars;

    /** Nodes renew their row this often; one not seen for three times as long has stopped. */
    private static final long HEARTBEAT_MILLIS = 5_000;
    private final String node = java.util.UUID.randomUUID().toString();
    private volatile long seen = -1;
    private volatile boolean sharing;
    private long lastHeartbeat;
    private long lastSweep = System.currentTimeMillis();

    /** Whether other nodes served this database in the last fifteen seconds. */
    public boolean sharing() {
        return sharing;
    }

    /**
     * After a change on this node: the others reload within a second. This node applied its change already, so when
     * nothing else changed since it last looked it does not reload for its own change (a reload racing the admin's
     * next request only adds lock waits, on Derby most of all).
     */
    public void changed() {
        Instant now = Instant.now();
        long version = sql.transaction(c -> {
            if (Sql.update(c, "UPDATE cluster_changes SET version = version + 1, changed_at = ? WHERE topic = ?", now,
                    SETTINGS) == 0) {
                Sql.update(c, "INSERT INTO cluster_changes (topic, version, changed_at) VALUES (?, 1, ?)", SETTINGS, now);
            }
            return Sql.query(c, "SELECT version FROM cluster_changes WHERE topic = ?", r -> r.getLong(1), SETTINGS)
                    .get(0);
        });
        synchronized (this) {
            if (seen == version - 1) {
                seen = version;
            }
        }
    }

    /** Each second, on the scheduler: reloads when another node (or this one) changed something. */
    @Override
    public void run() {
        heartbeat();
        try {
            tasks.writeChanged();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not write task state", e);
        }
        try {
            limits.share(sharing);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not share rate-limit counts", e);
        }
        try {
            List<Long> version = sql.query("SELECT version FROM cluster_changes WHERE topic = ?", r -> r.getLong(1),
                    SETTINGS);
            long now = version.isEmpty() ? 0 : version.get(0);
            boolean moved;
            synchronized (this) {
                moved = seen >= 0 && now != seen;
                seen = Math.max(seen, now); // at start everything was just loaded
            }
            if (moved) {
                reload();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not check for changes made on other nodes", e);
        }
    }

    private void heartbeat() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < HEARTBEAT_MILLIS) {
            return;
        }
        lastHeartbeat = now;
        try {
            Instant at = Instant.ofEpochMilli(now);
            sql.transaction(c -> {
                if (Sql.update(c, "UPDATE cluster_nodes SET seen_at = ? WHERE node = ?", at, node) == 0) {
                    Sql.update(c, "INSERT INTO cluster_nodes (node, seen_at) VALUES (?, ?)", node, at);
                }
                return null;
            });
            Instant alive = at.minusMillis(3 * HEARTBEAT_MILLIS);
            sharing = !sql.query("SELECT node FROM cluster_nodes WHERE node <> ? AND seen_at > ?", r -> r.getString(1),
                    node, alive).isEmpty();
            if (now - lastSweep > 600_000) {
                lastSweep = now;
                sql.update("DELETE FROM cluster_nodes WHERE seen_at < ?", at.minusSeconds(3600));
                tasks.forgetIdle();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not renew this node's heartbeat", e);
        }
    }

    /** On a clean stop: writes what tasks changed and leaves the list of nodes. */
    public void stop() {
        try {
            tasks.writeChanged();
            limits.leave();
            sql.update("DELETE FROM cluster_nodes WHERE node = ?", node);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not leave the list of nodes", e);
        }
    }

    private void reload() {
        pluginJars.sync(); // first: providers, policies and sinks below come from the plugins
        keys.forgetCallers();
        routing.reload();
        providers.refreshDirectory();
        auditSinks.reload();
        policies.reload();
        skills.reload();
        budgets.reload();
        limits.reload();
        cortex.sync();
        blastRadius.load();
    }
}
