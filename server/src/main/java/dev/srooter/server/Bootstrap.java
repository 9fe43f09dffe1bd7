package dev.srooter.server;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.keys.Users;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.Credentials;
import dev.srooter.server.providers.ModelRefreshSchedule;
import dev.srooter.server.providers.ProviderCatalog;
import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.security.SecretBox;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.SchemaMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** Starts the gateway's parts in the order they depend on each other, and stops them in reverse. */
@WebListener
public class Bootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject GatewaySettings settings;
    @Inject SchemaMigrations schema;
    @Inject Users users;
    @Inject TokenIssuer tokens;
    @Inject PluginHost plugins;
    @Inject dev.srooter.server.plugins.PluginStates pluginStates;
    @Inject dev.srooter.server.audit.AuditSinks auditSinks;
    @Inject ProviderCatalog providers;
    @Inject AuditLog audit;
    @Inject dev.srooter.server.cortex.Cortex cortex;
    @Inject dev.srooter.server.cortex.BlastRadius blastRadius;
    @Inject dev.srooter.server.budget.SpendLedger spendLedger;
    @Inject Credentials credentials;
    @Inject ModelRefreshSchedule refreshSchedule;
    @Inject dev.srooter.server.providers.OllamaDiscovery ollama;
    @Inject RuleBook routing;
    @Inject CircuitBreakers breakers;

    /** Lists every provider's models again on a schedule, so new models appear without an admin. */
    @Resource ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> rediscovery;
    private ScheduledFuture<?> renewal;
    private ScheduledFuture<?> clusterWatch;
    private ScheduledFuture<?> retention;
    @Inject dev.srooter.server.audit.AuditRetention auditRetention;
    @Inject ClusterChanges clusterChanges;
    @Inject dev.srooter.server.store.Sql sql;
    @Inject dev.srooter.server.plugins.PluginJars pluginJars;
    @Inject dev.srooter.server.tasks.TaskBook taskBook;
    @Inject dev.srooter.server.providers.subscription.Subscriptions subscriptions;
    @Inject dev.srooter.server.ops.GatewayMetrics metrics;
    @Inject dev.srooter.server.budget.Budgets budgets;
    @Inject dev.srooter.server.store.Backups backups;
    private java.util.concurrent.ScheduledFuture<?> backupSchedule;
    private java.util.Optional<dev.srooter.server.ops.OldGenerationMargin> heapMargin = java.util.Optional.empty();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        dev.srooter.server.ops.LibertyHttpStatistics.apply(event.getServletContext(), settings.monitorFilter());
        schema.migrate();
        users.ensureAdmin(settings.firstAdminPassword(), settings.dataDir());
        SecretBox box = SecretBox.open(settings.masterKey(), settings.previousMasterKey(), settings.dataDir());
        tokens.init(box);
        int resealed = dev.srooter.server.security.Reseal.run(sql, box); // a master key rotation's second half
        if (box.rotating()) {
            LOG.info("srooter: master key rotation: " + resealed + " stored secrets sealed again with the new key;"
                    + " remove SROOTER_MASTER_KEY_PREVIOUS once every node has started with the new key");
        }
        pluginJars.atStart(settings.dataDir().resolve("plugins")); // jars uploaded on other nodes, before loading
        plugins.start(settings.pluginsDir(), settings.dataDir().resolve("plugins"), pluginStates.disabled());
        auditSinks.init(box);
        auditSinks.reload();
        credentials.init(box);
        providers.sealLegacyKeys();
        providers.refreshDirectory();
        ollama.setUrl(settings.ollamaUrl());
        try {
            ollama.discover(); // a local Ollama serves with nothing configured
        } catch (RuntimeException e) {
            LOG.warning("srooter: looking for a local Ollama failed: " + e.getMessage());
        }
        routing.setConfiguredClassifier(settings.classifier());
        routing.reload();
        breakers.setOpenMillis(settings.circuitOpenMillis());
        long seconds = settings.discoveryIntervalSeconds();
        if (seconds > 0) {
            rediscovery = scheduler.scheduleWithFixedDelay(refreshSchedule, seconds, seconds, TimeUnit.SECONDS);
        }
        // subscriptions' access tokens live for hours: a round a minute renews each a few minutes before it expires
        settings.subscriptionRenewAhead().ifPresent(subscriptions::setRenewAhead);
        renewal = scheduler.scheduleWithFixedDelay(subscriptions, 60, 60, TimeUnit.SECONDS);
        // changes an admin makes on another node sharing the database reach this one within a second
        taskBook.sharingWhen(clusterChanges::sharing);
        clusterWatch = scheduler.scheduleWithFixedDelay(clusterChanges, 0, 1, TimeUnit.SECONDS);
        audit.start();
        retention = auditRetention.schedule(scheduler, settings.auditRetentionDays());
        backupSchedule = backups.schedule(scheduler, settings.backupEveryHours(), settings.backupKeep());
        heapMargin = dev.srooter.server.ops.OldGenerationMargin.start(settings.heapMarginBytes());
        metrics.start(audit::backlog, () -> budgets.list().stream().map(b -> b.remainingUsd().doubleValue())
                .min(Double::compare).orElse(-1.0));
        metrics.heapMargin(heapMargin);
        spendLedger.start();
        cortex.start();
        blastRadius.load();
        LOG.info("srooter: gateway ready; data in " + settings.dataDir());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (rediscovery != null) {
            rediscovery.cancel(false);
        }
        if (renewal != null) {
            renewal.cancel(false);
        }
        if (clusterWatch != null) {
            clusterWatch.cancel(false);
        }
        if (retention != null) {
            retention.cancel(true);
        }
        if (backupSchedule != null) {
            backupSchedule.cancel(false);
        }
        backups.stop(); // a backup under way finishes while Derby is still open
        clusterChanges.stop();
        heapMargin.ifPresent(dev.srooter.server.ops.OldGenerationMargin::stop);
        spendLedger.stop();
        audit.stop();
        LOG.info("srooter: gateway stopped; audit log flushed");
    }
}
