package dev.srooter.server.providers;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.subscription.Subscription;
import dev.srooter.server.store.ModelAlias;
import dev.srooter.server.store.ProviderAccount;
import dev.srooter.server.store.ProviderCredential;
import dev.srooter.server.store.ProviderModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
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
    /** How precisely a model's last sighting in its provider's listing is kept. */
    static final java.time.Duration LAST_SEEN_PRECISION = java.time.Duration.ofMinutes(10);

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
    ModelListing listing;

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
        ProviderAccount account = open(name, kind, baseUrl, format, timeoutSeconds);
        List<DiscoveredModel> models = listing.list(providerOf(kind), config(account, secrets.get(0)));
        em.persist(account);
        for (String secret : secrets) {
            em.persist(new ProviderCredential(account.id, credentials.seal(secret, account.id), Credentials.hint(secret)));
        }
        keep(account, models);
        return account;
    }

    /**
     * A new account served by a subscription (Claude Pro/Max, a ChatGPT plan) rather than an API key: its kind is the
     * plan's, and its models are listed with the plan's access token.
     */
    @Transactional
    public ProviderAccount addSubscription(String name, String baseUrl, Subscription plan) {
        ProviderAccount account = open(name, plan.vendor().providerKind(), baseUrl, null, null);
        List<DiscoveredModel> models = listing.list(providerOf(account.kind),
                new ProviderConfig(account.name, account.baseUrl, plan.accessToken(), plan.attributes()));
        em.persist(account);
        em.persist(subscriptionCredential(account.id, plan));
        keep(account, models);
        return account;
    }

    /** Imports a subscription into an account: another credential, or the one to use after signing in again. */
    @Transactional
    public ProviderCredential addSubscriptionCredential(String providerId, Subscription plan) {
        ProviderCredential c = subscriptionCredential(providerId, plan);
        em.persist(c);
        return c;
    }

    private ProviderCredential subscriptionCredential(String providerId, Subscription plan) {
        ProviderCredential c = new ProviderCredential(providerId, credentials.seal(plan.toJson(), providerId),
                Credentials.hint(plan.refreshToken()));
        c.kind = Credentials.SUBSCRIPTION;
        c.expiresAt = plan.expiresAt();
        return c;
    }

    /** A new account, checked but not yet stored. */
    private ProviderAccount open(String name, String kind, String baseUrl, WireFormat format, Integer timeoutSeconds) {
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
        return account;
    }

    private void keep(ProviderAccount account, List<DiscoveredModel> models) {
        for (DiscoveredModel model : models) {
            ProviderModel kept = new ProviderModel(account.id, model.id(), model.displayName());
            kept.listed(model);
            em.persist(kept);
        }
        em.flush();
        health.discovered(account.id, null);
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
            listed = listing.list(providerOf(account.kind), new ProviderConfig(account.name, account.baseUrl,
                    credential.secret(), credential.attributes()));
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
                ProviderModel kept = new ProviderModel(providerId, model.id(), model.displayName());
                kept.listed(model);
                em.persist(kept);
                added.add(model.id());
            } else {
                if (!"active".equals(existing.status)) {
                    existing.status = "active";
                    returned.add(model.id());
                }
                // written at most every ten minutes: rewriting every model's row on every round held row locks
                // that readers of the same rows (the admin API) deadlocked on
                if (existing.lastSeen == null || existing.lastSeen.isBefore(now.minus(LAST_SEEN_PRECISION))) {
                    existing.lastSeen = now;
                }
                existing.listed(model);
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
            List<Target> own = new ArrayList<>();
            for (ProviderModel model : models(account.id)) {
                if ("active".equals(model.status)) {
                    ModelCatalog.Entry entry = catalog.lookup(model.modelId);
                    own.add(new Target(account.id, config(account, null), provider.get(), model.modelId,
                            model.displayName, ModelFacts.price(model, entry, provider.get()),
                            formats(account, provider.get()), ModelFacts.capabilities(model, entry),
                            account.timeoutSeconds));
                }
            }
            targets.addAll(heldAtDearest(own));
        }
        List<ModelDirectory.Alias> aliases = em.createQuery("SELECT a FROM ModelAlias a", ModelAlias.class)
                .getResultList().stream().map(a -> new ModelDirectory.Alias(a.pattern, a.target)).toList();
        directory.replace(targets, aliases);
    }

    /**
     * An account's models with every unknown price held, for budgets, at the dearest price the account charges for a
     * model whose price is known, so that a model nobody priced is never free by accident (an account with no known
     * price at all keeps the frontier price budgets assume).
     */
    static List<Target> heldAtDearest(List<Target> own) {
        Price dearest = own.stream().map(Target::price).filter(Price::known)
                .max(java.util.Comparator.comparingDouble(Price::unit)).filter(p -> p.unit() > 0).orElse(null);
        if (dearest == null) {
            return own;
        }
        return own.stream().map(t -> t.price().known() ? t : new Target(t.providerId(), t.account(), t.provider(),
                t.modelId(), t.displayName(), Price.unknownHeldAt(dearest), t.formats(), t.capabilities(),
                t.timeoutSeconds())).toList();
    }

    public static Set<WireFormat> formats(ProviderAccount account, Provider provider) {
        return account.wireFormat == null ? provider.formats() : Set.of(WireFormat.valueOf(account.wireFormat));
    }

    /** The account as a plugin sees it, with one credential (or none, for the directory). */
    public static ProviderConfig config(ProviderAccount account, String secret) {
        return new ProviderConfig(account.name, account.baseUrl, secret);
    }
}
