package dev.srooter.server.admin;

import dev.srooter.api.Provider;
import dev.srooter.api.WireFormat;
import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.Credentials;
import dev.srooter.server.providers.ModelCatalog;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderCatalog;
import dev.srooter.server.providers.ProviderHealth;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.subscription.Subscription;
import dev.srooter.server.providers.subscription.SubscriptionFile;
import dev.srooter.server.providers.subscription.Subscriptions;
import dev.srooter.server.providers.subscription.Vendor;
import dev.srooter.server.store.ProviderAccount;
import dev.srooter.server.store.ProviderCredential;
import dev.srooter.server.store.ProviderModel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provider accounts, their credentials, health, and the models discovered behind them. Credentials go in
 * and never come out: only a masked hint is ever shown.
 */
@Path("/")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ProviderResource {

    /**
     * A new account: {@code apiKey} or several {@code apiKeys} (requests take turns over them); {@code baseUrl}
     * may be left out for kinds with a public address; {@code format} optionally pins the one wire format
     * srooter sends it.
     */
    public record NewProvider(String name, String kind, String baseUrl, String apiKey, List<String> apiKeys,
                              String format, Integer timeoutSeconds) {
    }

    public record NewCredential(String apiKey) {
    }

    public record ProviderView(String id, String name, String kind, String baseUrl, String format, Integer timeoutSeconds,
                               String apiKeyHint, List<Credentials.Standing> credentials, List<String> models,
                               ProviderHealth.View health) {
    }

    public record ModelView(String id, String provider, String providerId, String kind, String displayName,
                            String qualifiedName, String status, List<String> formats, CapabilitiesView capabilities,
                            Double inputPerMTok, Double outputPerMTok, Double cacheReadPerMTok,
                            Double cacheWritePerMTok, boolean priceKnown, String priceSource,
                            Double heldInputPerMTok, Double heldOutputPerMTok) {
    }

    public record CapabilitiesView(Integer contextWindow, Integer maxOutput, boolean tools, boolean vision,
                                   boolean reasoning, int rank, boolean known) {
        static CapabilitiesView of(Capabilities c) {
            return new CapabilitiesView(c.contextWindow(), c.maxOutput(), c.tools(), c.vision(), c.reasoning(),
                    c.rank(), c.known());
        }
    }

    /** Prices in USD per million tokens and the context window; a null field removes that override. */
    public record ModelOverride(Double inputPerMTok, Double outputPerMTok, Double cacheReadPerMTok,
                                Double cacheWritePerMTok, Integer contextWindow) {
    }

    public record KindView(String kind, String defaultBaseUrl, List<String> formats, boolean free) {
    }

    @Inject
    ProviderCatalog catalog;

    @Inject
    dev.srooter.server.providers.OllamaDiscovery ollama;

    @Inject
    ModelDirectory directory;

    @Inject
    Credentials credentials;

    @Inject
    ProviderHealth health;

    @Inject
    PluginHost plugins;

    @Inject
    Subscriptions subscriptions;

    private final ModelCatalog modelCatalog = ModelCatalog.builtIn();

    @GET
    @Path("provider-kinds")
    public List<KindView> kinds() {
        return plugins.providerKinds().stream().map(kind -> {
            Provider p = plugins.provider(kind).orElseThrow();
            return new KindView(kind, p.defaultBaseUrl().orElse(null),
                    p.formats().stream().map(Enum::name).sorted().toList(), p.free());
        }).toList();
    }

    @GET
    @Path("providers")
    public List<ProviderView> list() {
        return catalog.accounts().stream().map(this::view).toList();
    }

    @GET
    @Path("providers/{id}")
    public ProviderView one(@PathParam("id") String id) {
        return view(catalog.account(id).orElseThrow(() -> ApiError.of(404, "no provider with id " + id)));
    }

    @POST
    @Path("providers")
    public Response add(NewProvider request) {
        if (request == null || blank(request.name()) || blank(request.kind())) {
            throw ApiError.of(400, "name, kind and an apiKey (or apiKeys) are required");
        }
        List<String> secrets = new ArrayList<>();
        if (!blank(request.apiKey())) {
            secrets.add(request.apiKey().trim());
        }
        if (request.apiKeys() != null) {
            request.apiKeys().stream().filter(k -> !blank(k)).map(String::trim).forEach(secrets::add);
        }
        if (secrets.isEmpty() && !catalog.providerOf(request.kind().trim()).needsCredential()) {
            secrets.add(""); // a local server that takes no key: one empty credential, so calls take their turn
        }
        if (secrets.isEmpty()) {
            throw ApiError.of(400, "name, kind and an apiKey (or apiKeys) are required");
        }
        if (request.name().contains("/")) {
            throw ApiError.of(400, "a provider name cannot contain '/': clients write provider/model");
        }
        String baseUrl = blank(request.baseUrl()) ? null : httpUrl(request.baseUrl().trim(), "baseUrl");
        WireFormat format = null;
        if (!blank(request.format())) {
            try {
                format = WireFormat.valueOf(request.format().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiError.of(400, "format must be one of " + Arrays.toString(WireFormat.values()));
            }
        }
        if (request.timeoutSeconds() != null && (request.timeoutSeconds() < 1 || request.timeoutSeconds() > 3600)) {
            throw ApiError.of(400, "timeoutSeconds is between 1 and 3600");
        }
        ProviderAccount account = catalog.add(request.name().trim(), request.kind().trim(), baseUrl, secrets, format,
                request.timeoutSeconds());
        catalog.refreshDirectory();
        return Response.status(201).entity(view(account)).build();
    }

    @DELETE
    @Path("providers/{id}")
    public Response remove(@PathParam("id") String id) {
        if (!catalog.remove(id)) {
            throw ApiError.of(404, "no provider with id " + id);
        }
        catalog.refreshDirectory();
        return Response.noContent().build();
    }

    /** Lists the account's models again now (the schedule does it every few hours). */
    /** {@code {"url": "http://host:11434"}} (or none: where srooter looks by itself). */
    public record DiscoverBody(String url) {
    }

    /** Looks for an Ollama now: 201 with the provider added, or 200 {@code {"found": false}}. */
    @POST
    @Path("providers/discover")
    public Response discover(DiscoverBody body) {
        String url = body == null || blank(body.url()) ? null : body.url().trim();
        if (url != null && !url.matches("https?://[^\\s/]+(/.*)?")) {
            throw ApiError.of(400, "url must be an http or https URL");
        }
        java.util.Optional<dev.srooter.server.store.ProviderAccount> added = url == null ? ollama.discover()
                : ollama.discover(url);
        return added.map(a -> Response.status(201).entity(view(a)).build())
                .orElseGet(() -> Response.ok(java.util.Map.of("found", false, "url", url == null ? ollama.url() : url))
                        .build());
    }

    @POST
    @Path("providers/{id}/refresh")
    public ProviderCatalog.RefreshResult refresh(@PathParam("id") String id) {
        ProviderCatalog.RefreshResult result = catalog.refresh(id);
        catalog.refreshDirectory();
        return result;
    }

    @GET
    @Path("providers/{id}/health")
    public ProviderHealth.View health(@PathParam("id") String id) {
        catalog.account(id).orElseThrow(() -> ApiError.of(404, "no provider with id " + id));
        return health.view(id);
    }

    @POST
    @Path("providers/{id}/credentials")
    public Response addCredential(@PathParam("id") String id, NewCredential request) {
        catalog.account(id).orElseThrow(() -> ApiError.of(404, "no provider with id " + id));
        if (request == null || blank(request.apiKey())) {
            throw ApiError.of(400, "apiKey is required");
        }
        ProviderCredential added = catalog.addCredential(id, request.apiKey().trim());
        catalog.refreshDirectory();
        return Response.status(201).entity(credentials.standing(id).stream().filter(c -> c.id().equals(added.id))
                .findFirst().orElseThrow()).build();
    }

    /** Puts every credential of the account back in service (bad marks and rate-limit rests cleared). */
    @POST
    @Path("providers/{id}/credentials/reset")
    public List<Credentials.Standing> resetCredentials(@PathParam("id") String id) {
        catalog.account(id).orElseThrow(() -> ApiError.of(404, "no provider with id " + id));
        credentials.reset(id);
        return credentials.standing(id);
    }

    /**
     * A subscription to import: {@code file} is the text of the credential file the vendor's tool keeps (Claude
     * Code's {@code ~/.claude/.credentials.json}, Codex CLI's {@code ~/.codex/auth.json}); {@code name} and
     * {@code baseUrl} are the new account's (defaults: {@code claude-max} or {@code chatgpt}, the vendor's address);
     * {@code tokenUrl} replaces the vendor's token endpoint (a proxy in between).
     */
    public record SubscriptionImport(String name, String file, String baseUrl, String tokenUrl) {
    }

    /** Connects a subscription as a new provider account: 201 with the account, its models listed. */
    @POST
    @Path("providers/subscriptions")
    public Response addSubscription(SubscriptionImport request) {
        Subscription plan = imported(request);
        String name = blank(request.name()) ? plan.vendor() == Vendor.CLAUDE ? "claude-max" : "chatgpt"
                : request.name().trim();
        if (name.contains("/")) {
            throw ApiError.of(400, "a provider name cannot contain '/': clients write provider/model");
        }
        String baseUrl = blank(request.baseUrl()) ? null : httpUrl(request.baseUrl().trim(), "baseUrl");
        ProviderAccount account = catalog.addSubscription(name, baseUrl, plan);
        catalog.refreshDirectory();
        return Response.status(201).entity(view(account)).build();
    }

    /**
     * Imports a subscription into an account (after signing in again, or a second plan): 201 with its standing. It
     * replaces the account's subscriptions that need sign-in: they can never serve again.
     */
    @POST
    @Path("providers/{id}/subscription")
    public Response importSubscription(@PathParam("id") String id, SubscriptionImport request) {
        ProviderAccount account = catalog.account(id).orElseThrow(() -> ApiError.of(404, "no provider with id " + id));
        Subscription plan = imported(request);
        if (!plan.vendor().providerKind().equals(account.kind)) {
            throw ApiError.of(400, "a " + plan.vendor() + " subscription cannot serve provider '" + account.name
                    + "' of kind " + account.kind);
        }
        ProviderCredential added = catalog.addSubscriptionCredential(id, plan);
        credentials.standing(id).stream().filter(c -> Credentials.NEEDS_SIGN_IN.equals(c.state()))
                .forEach(dead -> catalog.removeCredential(id, dead.id()));
        catalog.refreshDirectory();
        return Response.status(201).entity(credentials.standing(id).stream().filter(c -> c.id().equals(added.id))
                .findFirst().orElseThrow()).build();
    }

    private Subscription imported(SubscriptionImport request) {
        if (request == null || blank(request.file())) {
            throw ApiError.of(400, "file is required: the text of Claude Code's .credentials.json or Codex CLI's"
                    + " auth.json");
        }
        String tokenUrl = blank(request.tokenUrl()) ? null : httpUrl(request.tokenUrl().trim(), "tokenUrl");
        try {
            return subscriptions.freshForImport(SubscriptionFile.read(request.file(), tokenUrl));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiError.of(502, e.getMessage());
        }
    }

    private static String httpUrl(String value, String field) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw ApiError.of(400, field + " must be an http or https URL");
        }
    }

    @DELETE
    @Path("providers/{id}/credentials/{credentialId}")
    public Response removeCredential(@PathParam("id") String id, @PathParam("credentialId") String credentialId) {
        if (!catalog.removeCredential(id, credentialId)) {
            throw ApiError.of(404, "provider " + id + " has no credential " + credentialId);
        }
        catalog.refreshDirectory();
        return Response.noContent().build();
    }

    /** Overrides a model's prices and context window from the catalogue's; applies from the next request. */
    @PUT
    @Path("providers/{id}/models/{model: .+}")
    public ModelView override(@PathParam("id") String id, @PathParam("model") String model, ModelOverride body) {
        if (body == null) {
            throw ApiError.of(400, "a body with the overrides is required");
        }
        for (Double price : new Double[] {body.inputPerMTok(), body.outputPerMTok(), body.cacheReadPerMTok(),
                body.cacheWritePerMTok()}) {
            if (price != null && (price < 0 || price.isNaN() || price.isInfinite())) {
                throw ApiError.of(400, "prices must be zero or more");
            }
        }
        catalog.override(id, model, body.inputPerMTok(), body.outputPerMTok(), body.cacheReadPerMTok(),
                body.cacheWritePerMTok(), body.contextWindow());
        catalog.refreshDirectory();
        return models().stream().filter(m -> m.providerId().equals(id) && m.id().equals(model)).findFirst()
                .orElseThrow();
    }

    /** Every discovered model, served ones first, with provider, capabilities and prices. */
    @GET
    @Path("models")
    public List<ModelView> models() {
        List<ModelView> out = new ArrayList<>();
        Map<String, ProviderAccount> accounts = new HashMap<>();
        catalog.accounts().forEach(a -> accounts.put(a.id, a));
        for (Target t : directory.all()) {
            out.add(view(t));
        }
        for (ProviderAccount account : accounts.values()) {
            for (ProviderModel m : catalog.models(account.id)) {
                if (!"active".equals(m.status)) {
                    ModelCatalog.Entry entry = modelCatalog.lookup(m.modelId);
                    out.add(new ModelView(m.modelId, account.name, account.id, account.kind, m.displayName,
                            account.name + "/" + m.modelId, m.status, List.of(),
                            CapabilitiesView.of(entry.capabilities()), null, null, null, null,
                            entry.price().known(), "catalog", null, null));
                }
            }
        }
        return out;
    }

    private ProviderView view(ProviderAccount account) {
        List<Credentials.Standing> standing = credentials.standing(account.id);
        return new ProviderView(account.id, account.name, account.kind, account.baseUrl, account.wireFormat,
                account.timeoutSeconds,
                standing.isEmpty() ? null : standing.get(0).hint(), standing,
                catalog.models(account.id).stream().filter(m -> "active".equals(m.status)).map(m -> m.modelId)
                        .toList(), health.view(account.id));
    }

    private static ModelView view(Target t) {
        boolean known = t.price().known();
        return new ModelView(t.modelId(), t.account().name(), t.providerId(), t.provider().kind(), t.displayName(),
                t.qualifiedName(), "active", t.formats().stream().map(Enum::name).sorted().toList(),
                CapabilitiesView.of(t.capabilities()), known ? t.price().input() : null,
                known ? t.price().output() : null, known ? t.price().cacheRead() : null,
                known ? t.price().cacheWrite() : null, known, t.price().source(),
                t.price().held() ? t.price().input() : null, t.price().held() ? t.price().output() : null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
