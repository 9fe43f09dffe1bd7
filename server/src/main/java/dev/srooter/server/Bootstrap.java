package dev.srooter.server;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.keys.Users;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.Credentials;
import dev.srooter.server.providers.ProviderCatalog;
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
import org.eclipse.microprofile.config.ConfigProvider;

/** Starts the gateway's parts in the order they depend on each other, and stops them in reverse. */
@WebListener
public class Bootstrap implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());

    @Inject GatewaySettings settings;
    @Inject SchemaMigrations schema;
    @Inject Users users;
    @Inject TokenIssuer tokens;
    @Inject PluginHost plugins;
    @Inject ProviderCatalog providers;
    @Inject AuditLog audit;
    @Inject Credentials credentials;

    /** Lists every provider's models again on a schedule, so new models appear without an admin. */
    @Resource ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> rediscovery;

    /** A MicroProfile Config value: a system property, or an environment variable (SROOTER_MASTER_KEY for srooter.master.key). */
    private static String config(String name, String otherwise) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(otherwise);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        schema.migrate();
        users.ensureAdmin(settings.firstAdminPassword());
        tokens.init();
        plugins.start(settings.pluginsDir());
        credentials.init(SecretBox.open(config("srooter.master.key", ""), settings.dataDir()));
        providers.sealLegacyKeys();
        providers.refreshDirectory();
        long minutes = Long.parseLong(config("srooter.discovery.interval.minutes", "360"));
        if (minutes > 0) {
            rediscovery = scheduler.scheduleWithFixedDelay(providers::refreshAll, minutes, minutes, TimeUnit.MINUTES);
        }
        audit.start();
        LOG.info("srooter: gateway ready; data in " + settings.dataDir());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (rediscovery != null) {
            rediscovery.cancel(false);
        }
        audit.stop();
        LOG.info("srooter: gateway stopped; audit log flushed");
    }
}
