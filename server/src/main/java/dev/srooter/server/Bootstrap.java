package dev.srooter.server;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.keys.Users;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.ProviderCatalog;
import dev.srooter.server.security.TokenIssuer;
import dev.srooter.server.store.SchemaMigrations;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
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
    @Inject ProviderCatalog providers;
    @Inject AuditLog audit;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        schema.migrate();
        users.ensureAdmin(settings.firstAdminPassword());
        tokens.init();
        plugins.start(settings.pluginsDir());
        providers.refreshDirectory();
        audit.start();
        LOG.info("srooter: gateway ready; data in " + settings.dataDir());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        audit.stop();
        LOG.info("srooter: gateway stopped; audit log flushed");
    }
}
