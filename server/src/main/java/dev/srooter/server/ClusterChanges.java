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
 * second). Settings read on every use from the database need nothing: budgets' spend, learned routes, tasks.
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

    private volatile long seen = -1;

    /** After a change on this node: the others reload within a second. */
    public void changed() {
        Instant now = Instant.now();
        sql.transaction(c -> {
            if (Sql.update(c, "UPDATE cluster_changes SET version = version + 1, changed_at = ? WHERE topic = ?", now,
                    SETTINGS) == 0) {
                Sql.update(c, "INSERT INTO cluster_changes (topic, version, changed_at) VALUES (?, 1, ?)", SETTINGS, now);
            }
            return null;
        });
    }

    /** Each second, on the scheduler: reloads when another node (or this one) changed something. */
    @Override
    public void run() {
        try {
            List<Long> version = sql.query("SELECT version FROM cluster_changes WHERE topic = ?", r -> r.getLong(1),
                    SETTINGS);
            long now = version.isEmpty() ? 0 : version.get(0);
            if (seen < 0) {
                seen = now; // at start everything was just loaded
                return;
            }
            if (now != seen) {
                seen = now;
                reload();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not check for changes made on other nodes", e);
        }
    }

    private void reload() {
        keys.forgetCallers();
        routing.reload();
        providers.refreshDirectory();
        auditSinks.reload();
        policies.reload();
        skills.reload();
        budgets.reload();
        limits.reload();
    }
}
