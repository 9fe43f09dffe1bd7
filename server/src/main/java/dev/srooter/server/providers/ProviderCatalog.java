package dev.srooter.server.providers;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.store.ModelAlias;
import dev.srooter.server.store.ProviderAccount;
import dev.srooter.server.store.ProviderModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Provider accounts: adding one discovers its models; every change refreshes the model directory. */
@ApplicationScoped
public class ProviderCatalog {

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

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @Inject
    PluginHost plugins;

    @Inject
    Upstream upstream;

    @Inject
    ModelDirectory directory;

    private final PriceTable prices = PriceTable.builtIn();

    @Transactional
    public ProviderAccount add(String name, String kind, String baseUrl, String apiKey, WireFormat format) {
        Provider provider = plugins.provider(kind).orElseThrow(() -> new ProviderProblem(400,
                "unknown provider kind '" + kind + "'; installed kinds: " + plugins.providerKinds()));
        if (!em.createQuery("SELECT p FROM ProviderAccount p WHERE p.name = :name", ProviderAccount.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw new ProviderProblem(409, "a provider named '" + name + "' already exists");
        }
        if (format != null && !provider.formats().contains(format)) {
            throw new ProviderProblem(400, "provider kind '" + kind + "' does not speak " + format
                    + "; it speaks " + provider.formats());
        }
        ProviderAccount account = new ProviderAccount(name, kind, baseUrl, apiKey);
        account.wireFormat = format == null ? null : format.name();
        List<DiscoveredModel> models = discover(provider, config(account));
        em.persist(account);
        for (DiscoveredModel model : models) {
            em.persist(new ProviderModel(account.id, model.id(), model.displayName()));
        }
        em.flush();
        return account;
    }

    @Transactional
    public boolean remove(String id) {
        ProviderAccount account = em.find(ProviderAccount.class, id);
        if (account == null) {
            return false;
        }
        em.createQuery("DELETE FROM ProviderModel m WHERE m.providerId = :id").setParameter("id", id).executeUpdate();
        em.remove(account);
        return true;
    }

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

    public List<ProviderAccount> accounts() {
        return em.createQuery("SELECT p FROM ProviderAccount p ORDER BY p.createdAt", ProviderAccount.class)
                .getResultList();
    }

    public List<ProviderModel> models(String providerId) {
        return em.createQuery("SELECT m FROM ProviderModel m WHERE m.providerId = :id ORDER BY m.modelId",
                ProviderModel.class).setParameter("id", providerId).getResultList();
    }

    /** Rebuilds the in-memory directory from the database; call after any change has committed. */
    public void refreshDirectory() {
        List<Target> targets = new ArrayList<>();
        for (ProviderAccount account : accounts()) {
            Optional<Provider> provider = plugins.provider(account.kind);
            if (provider.isEmpty()) {
                continue; // its plugin is gone; its models cannot be served until it returns
            }
            for (ProviderModel model : models(account.id)) {
                targets.add(new Target(account.id, config(account), provider.get(), model.modelId,
                        model.displayName, prices.priceOf(model.modelId), formats(account, provider.get())));
            }
        }
        List<ModelDirectory.Alias> aliases = em.createQuery("SELECT a FROM ModelAlias a", ModelAlias.class)
                .getResultList().stream().map(a -> new ModelDirectory.Alias(a.pattern, a.target)).toList();
        directory.replace(targets, aliases);
    }

    private static Set<WireFormat> formats(ProviderAccount account, Provider provider) {
        return account.wireFormat == null ? provider.formats() : Set.of(WireFormat.valueOf(account.wireFormat));
    }

    static ProviderConfig config(ProviderAccount account) {
        return new ProviderConfig(account.name, account.baseUrl, account.apiKey);
    }

    private List<DiscoveredModel> discover(Provider provider, ProviderConfig account) {
        URI uri = provider.endpoint(account, Operation.LIST_MODELS).orElseThrow(() -> new ProviderProblem(400,
                "provider kind '" + provider.kind() + "' cannot list models"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        for (Map.Entry<String, String> h : provider.requiredHeaders().entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        provider.authHeaders(account).forEach(request::header);
        HttpResponse<String> response;
        try {
            response = upstream.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderProblem(502, "cannot reach " + uri + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderProblem(502, "interrupted while listing models at " + uri);
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
