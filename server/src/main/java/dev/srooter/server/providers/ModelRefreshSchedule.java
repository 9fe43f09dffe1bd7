package dev.srooter.server.providers;

import dev.srooter.server.store.ProviderAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lists every provider's models again, on the schedule Bootstrap sets (SROOTER_DISCOVERY_INTERVAL_SECONDS),
 * so new models appear and retired ones stop being served without an admin. A class of its own so that each
 * account's refresh goes through the catalogue's transactional proxy.
 */
@ApplicationScoped
public class ModelRefreshSchedule implements Runnable {

    private static final Logger LOG = Logger.getLogger(ModelRefreshSchedule.class.getName());

    @Inject
    ProviderCatalog catalog;

    @Inject
    OllamaDiscovery ollama;

    /**
     * One round. Nothing may escape: an exception thrown from a periodic task cancels every later run of it,
     * so a round that fails (a database lock timing out, say) is logged and the next one tries again.
     */
    @Override
    public void run() {
        try {
            try {
                ollama.discover(); // an Ollama started since the last round is found now
            } catch (RuntimeException e) {
                LOG.warning("srooter: looking for a local Ollama failed: " + e.getMessage());
            }
            for (ProviderAccount account : catalog.accounts()) {
                try {
                    catalog.refresh(account.id);
                } catch (RuntimeException e) {
                    LOG.warning("srooter: listing the models of provider " + account.name + " failed: "
                            + e.getMessage());
                }
            }
            catalog.refreshDirectory();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: a round of model refresh failed; the next one will try again", e);
        }
    }
}
