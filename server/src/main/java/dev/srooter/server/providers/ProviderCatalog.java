package dev.srooter.server.providers;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.store.ModelAlias;
import dev.srooter.server.store.ProviderAccount;
import dev.srooter.server.store.ProviderCredential;
import dev.srooter.server.store.ProviderModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Provider accounts, their credentials and the models discovered behind them. Adding an account lists
 * its models at once; a refresh adds new ones and marks vanished ones. Every change rebuilds the model
 * directory the request path reads.
 */
@ApplicationScoped
public class ProviderCatalog {

    private static final Logger LOG = Logger.getLogger(ProviderCatalog.class.getName());

    /** Why a provider could not be added, in words an admin can act on. */
    public static final class ProviderProblem extends RuntimeException {
        private final int status;

        public ProviderProblem(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** What a refresh found. */
    public record RefreshResult(List<String> added, List<String> vanished, List<String> returned, int active) {
    }

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @Inject
    PluginHost plugins;

    @Inject
    ProviderClient client;

    @Inject
    ModelDirectory directory;

    @Inject
    Credentials credentials;

    @Inject
    ProviderHealth health;

    private final ModelCatalog catalog = ModelCatalog.builtIn();

    public Provider providerOf(String kind) {
        return plugins.provider(kind).orElseThrow(() -> new ProviderProblem(400,
                "unknown provider kind '" + kind + "'; installed kinds: " + plugins.providerKinds()));
    }

    @Transactional
    public ProviderAccount add(String name, String kind, String baseUrl, List<String> secrets, WireFormat format,
                               Integer timeoutSeconds) {
        Provider provider = providerOf(kind);
        if (!em.createQuery("SELECT p FROM ProviderAccount p WHERE p.name = :name", ProviderAccount.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ProviderProblem(409, "a provider named '" + name + "' already exists");
        }
        if (format != null && !provider.formats().contains(format)) {
            throw new ProviderProblem(400, "provider kind '" + kind + "' does not speak " + format
                    + "; it speaks " + provider.formats());
        }
        String base = baseUrl != null ? baseUrl : provider.defaultBaseUrl().orElseThrow(() -> new ProviderProblem(400,
                "provider kind '" + kind + "' has no default address: baseUrl is required"));
        ProviderAccount account = new ProviderAccount(name, kind, base, "");
        account.wireFormat = format == null ? null : format.name();
        account.timeoutSeconds = timeoutSeconds;
        List<DiscoveredModel> models = discover(provider, config(account, secrets.get(0)));
        em.persist(account);
        for (String secret : secrets) {
            em.persist(new ProviderCredential(account.id, credentials.seal(secret, account.id), Credentials.hint(secret)));
        }
        for (DiscoveredModel model : models) {
            em.persist(new ProviderModel(account.id, model.id(), model.displayName()));
        }
        em.flush();
        health.discovered(account.id, null);
        return account;
    }

    @Transactional
    public boolean remove(String id) {
        ProviderAccount account = em.find(ProviderAccount.class, id);
        if (account == null) {
            return false;
        }
        em.createQuery("DELETE FROM ProviderModel m WHERE m.providerId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("DELETE FROM ProviderCredential c WHERE c.providerId = :id").setParameter("id", id)
                .executeUpdate();
        em.remove(account);
        return true;
    }

    public Optional<ProviderAccount> account(String id) {
        return Optional.ofNullable(em.find(ProviderAccount.class, id));
    }

    public List<ProviderAccount> accounts() {
        return em.createQuery("SELECT p FROM ProviderAccount p ORDER BY p.createdAt", ProviderAccount.class)
                .getResultList();
    }

    public List<ProviderModel> models(String providerId) {
        return em.createQuery("SELECT m FROM ProviderModel m WHERE m.providerId = :id ORDER BY m.modelId",
                ProviderModel.class).setParameter("id", providerId).getResultList();
    }

    // ---- credentials

    @Transactional
    public ProviderCredential addCredential(String providerId, String secret) {
        ProviderCredential c = new ProviderCredential(providerId, credentials.seal(secret, providerId),
                Credentials.hint(secret));
        em.persist(c);
        return c;
    }

    @Transactional
    public boolean removeCredential(String providerId, String credentialId) {
        ProviderCredential c = em.find(ProviderCredential.class, credentialId);
        if (c == null || !c.providerId.equals(providerId)) {
            return false;
        }
        em.remove(c);
        return true;
    }

    /** Moves credentials stored in clear by srooter before credentials were sealed (schema V1) into sealed rows. */
    @Transactional
    public int sealLegacyKeys() {
        int moved = 0;
        for (ProviderAccount account : accounts()) {
            if (account.apiKey != null && !account.apiKey.isEmpty()) {
                em.persist(new ProviderCredential(account.id, credentials.seal(account.apiKey, account.id),
                        Credentials.hint(account.apiKey)));
                account.apiKey = "";
                moved++;
            }
        }
        if (moved > 0) {
            LOG.info("srooter: sealed " + moved + " provider credential(s) stored before encryption at rest");
        }
        return moved;
    }

    // ---- discovery

    /**
     * Lists an account's models again: new ones are added, ones no longer listed are marked vanished (kept,
     * with their overrides, but not served), and vanished ones that are listed again come back.
     */
    @Transactional
    public RefreshResult refresh(String providerId) {
        ProviderAccount account = em.find(ProviderAccount.class, providerId);
        if (account == null) {
            throw new ProviderProblem(404, "no provider with id " + providerId);
        }
        Credentials.Live credential = credentials.any(providerId).orElseThrow(() -> new ProviderProblem(409,
                "provider '" + account.name + "' has no usable credential to list its models with"));
        List<DiscoveredModel> listed;
        try {
            listed = discover(providerOf(account.kind), config(account, credential.secret()));
            health.discovered(providerId, null);
        } catch (ProviderProblem problem) {
            health.discovered(providerId, problem.getMessage());
            throw problem;
        }
        Map<String, ProviderModel> known = new HashMap<>();
        models(providerId).forEach(m -> known.put(m.modelId, m));
        List<String> added = new ArrayList<>();
        List<String> returned = new ArrayList<>();
        Instant now = Instant.now();
        for (DiscoveredModel model : listed) {
            ProviderModel existing = known.remove(model.id());
            if (existing == null) {
                em.persist(new ProviderModel(providerId, model.id(), model.displayName()));
                added.add(model.id());
            } else {
                if (!"active".equals(existing.status)) {
                    existing.status = "active";
                    returned.add(model.id());
                }
                existing.lastSeen = now;
                existing.displayName = model.displayName();
            }
        }
        List<String> vanished = new ArrayList<>();
        for (ProviderModel gone : known.values()) {
            if ("active".equals(gone.status)) {
                gone.status = "vanished";
                vanished.add(gone.modelId);
            }
        }
        if (!added.isEmpty() || !vanished.isEmpty() || !returned.isEmpty()) {
            LOG.info("srooter: provider " + account.name + " models refreshed: added " + added + ", vanished "
                    + vanished + ", back " + returned);
        }
        return new RefreshResult(added, vanished, returned, listed.size());
    }

    /** Sets an admin's overrides of a model's prices (USD per million tokens) and context window; null clears one. */
    @Transactional
    public ProviderModel override(String providerId, String modelId, Double input, Double output, Double cacheRead,
                                  Double cacheWrite, Integer contextWindow) {
        ProviderModel model = models(providerId).stream().filter(m -> m.modelId.equals(modelId)).findFirst()
                .orElseThrow(() -> new ProviderProblem(404, "provider " + providerId + " has no model " + modelId));
        model.overrideInput = input;
        model.overrideOutput = output;
        model.overrideCacheRead = cacheRead;
        model.overrideCacheWrite = cacheWrite;
        model.overrideContext = contextWindow;
        return model;
    }

    // ---- aliases

    /** Sets (adds or replaces) the alias for a pattern. */
    @Transactional
    public void putAlias(String pattern, String target) {
        ModelAlias alias = em.find(ModelAlias.class, pattern);
        if (alias == null) {
            em.persist(new ModelAlias(pattern, target));
        } else {
            alias.target = target;
        }
    }

    @Transactional
    public boolean removeAlias(String pattern) {
        ModelAlias alias = em.find(ModelAlias.class, pattern);
        if (alias == null) {
            return false;
        }
        em.remove(alias);
        return true;
    }

    // ---- the directory

    /** Rebuilds the in-memory directory from the database; call after any change has committed. */
    public void refreshDirectory() {
        credentials.reload();
        List<Target> targets = new ArrayList<>();
        for (ProviderAccount account : accounts()) {
            Optional<Provider> provider = plugins.provider(account.kind);
            if (provider.isEmpty()) {
                continue; // its plugin is gone; its models cannot be served until it returns
            }
            for (ProviderModel model : models(account.id)) {
                if ("active".equals(model.status)) {
                    ModelCatalog.Entry entry = catalog.lookup(model.modelId);
                    targets.add(new Target(account.id, config(account, null), provider.get(), model.modelId,
                            model.displayName, price(model, entry, provider.get()), formats(account, provider.get()),
                            entry.capabilities().withContextWindow(model.overrideContext), account.timeoutSeconds));
                }
            }
        }
        List<ModelDirectory.Alias> aliases = em.createQuery("SELECT a FROM ModelAlias a", ModelAlias.class)
                .getResultList().stream().map(a -> new ModelDirectory.Alias(a.pattern, a.target)).toList();
        directory.replace(targets, aliases);
    }

    /** The catalogue's price with the admin's overrides on top; a free provider's models cost 0, known. */
    private static Price price(ProviderModel model, ModelCatalog.Entry entry, Provider provider) {
        Price base = provider.free() ? Price.FREE : entry.price();
        boolean overridden = model.overrideInput != null || model.overrideOutput != null
                || model.overrideCacheRead != null || model.overrideCacheWrite != null;
        if (!overridden) {
            return base;
        }
        return new Price(or(model.overrideInput, base.input()), or(model.overrideOutput, base.output()),
                or(model.overrideCacheRead, base.cacheRead()), or(model.overrideCacheWrite, base.cacheWrite()), true,
                "override");
    }

    private static double or(Double value, double otherwise) {
        return value != null ? value : otherwise;
    }

    public static Set<WireFormat> formats(ProviderAccount account, Provider provider) {
        return account.wireFormat == null ? provider.formats() : Set.of(WireFormat.valueOf(account.wireFormat));
    }

    /** The account as a plugin sees it, with one credential (or none, for the directory). */
    public static ProviderConfig config(ProviderAccount account, String secret) {
        return new ProviderConfig(account.name, account.baseUrl, secret);
    }

    private List<DiscoveredModel> discover(Provider provider, ProviderConfig account) {
        URI uri = provider.endpoint(account, Operation.LIST_MODELS).orElseThrow(() -> new ProviderProblem(400,
                "provider kind '" + provider.kind() + "' cannot list models"));
        HttpResponse<String> response;
        try {
            response = client.list(provider, account, uri);
        } catch (IOException e) {
            throw new ProviderProblem(502, "cannot reach " + uri + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderProblem(502, "interrupted while listing models at " + uri);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ProviderProblem(400, "the provider at " + uri + " refused the credential (HTTP "
                    + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new ProviderProblem(502, "listing models at " + uri + " answered HTTP " + response.statusCode());
        }
        try {
            return provider.parseModels(response.body());
        } catch (RuntimeException e) {
            throw new ProviderProblem(502, "the model listing at " + uri + " could not be read");
        }
    }
}
