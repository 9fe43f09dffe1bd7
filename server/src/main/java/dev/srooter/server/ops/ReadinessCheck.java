package dev.srooter.server.ops;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.ProviderCatalog;
import dev.srooter.server.providers.ProviderHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this node should get traffic: its database answers, its plugins are loaded (at least one provider kind),
 * and its audit writer is not far behind (a node whose audit backlog passes half the queue stops taking work it
 * would have to hold). Providers are reported, never judged: an outage at a provider is what fallback chains are for,
 * and taking every node out of the load balancer for it would turn one vendor's bad minute into a full outage.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    /** Half the audit queue: past it, a node is not ready. */
    static final int BACKLOG_LIMIT = 50_000;

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @Inject
    PluginHost plugins;

    @Inject
    AuditLog audit;

    @Inject
    ProviderCatalog providers;

    @Inject
    dev.srooter.server.audit.AuditRetention retention;

    @Inject
    ProviderHealth health;

    @Inject
    dev.srooter.server.store.Backups backups;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("srooter");
        boolean up = true;
        try {
            long users = em.createQuery("SELECT COUNT(u) FROM UserAccount u", Long.class).getSingleResult();
            response.withData("database", "ok (" + users + " users)");
        } catch (RuntimeException e) {
            response.withData("database", "unreachable: " + e.getClass().getSimpleName());
            up = false;
        }
        int kinds = plugins.providerKinds().size();
        response.withData("plugins", plugins.plugins().size() + " loaded, " + kinds + " provider kinds");
        up &= kinds > 0;
        int backlog = audit.backlog();
        response.withData("auditBacklog", backlog);
        response.withData("auditRetention", retention.status());
        response.withData("backups", backups.status());
        up &= backlog < BACKLOG_LIMIT;
        try {
            var accounts = providers.accounts();
            long reachable = accounts.stream().filter(a -> !Boolean.FALSE.equals(health.view(a.id).reachable()))
                    .count();
            response.withData("providers", reachable + " of " + accounts.size() + " reachable (reported, not judged)");
        } catch (RuntimeException e) {
            response.withData("providers", "not read: " + e.getClass().getSimpleName());
        }
        return response.status(up).build();
    }
}
