package dev.srooter.server.providers;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.server.providers.ProviderCatalog.ProviderProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks a provider account which models it serves and what they can do: its listing (or, for a provider without one,
 * the models its plugin knows), then, for a provider whose listing says little (Ollama), each model's details. A
 * details call that fails leaves the model listed with what the catalogue knows.
 */
@ApplicationScoped
public class ModelListing {

    private static final Logger LOG = Logger.getLogger(ModelListing.class.getName());

    /** Details are asked for at most this many models per listing (a local server rarely has more). */
    static final int MAX_DETAILS = 100;

    @Inject
    ProviderClient client;

    /** The account's models; a {@link ProviderProblem} says why they could not be listed. */
    public List<DiscoveredModel> list(Provider provider, ProviderConfig account) {
        Optional<URI> listing = provider.endpoint(account, Operation.LIST_MODELS);
        if (listing.isEmpty()) {
            if (!provider.knownModels().isEmpty()) {
                return provider.knownModels();
            }
            throw new ProviderProblem(400, "provider kind '" + provider.kind() + "' cannot list models");
        }
        List<DiscoveredModel> models = listed(provider, account, listing.get());
        Optional<URI> details = provider.endpoint(account, Operation.MODEL_DETAILS);
        if (details.isEmpty()) {
            return models;
        }
        List<DiscoveredModel> described = new ArrayList<>(models.size());
        for (int k = 0; k < models.size(); k++) {
            DiscoveredModel model = models.get(k);
            described.add(k < MAX_DETAILS ? describe(provider, account, details.get(), model) : model);
        }
        return described;
    }

    private List<DiscoveredModel> listed(Provider provider, ProviderConfig account, URI uri) {
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

    private DiscoveredModel describe(Provider provider, ProviderConfig account, URI uri, DiscoveredModel model) {
        Optional<String> body = provider.detailsRequest(model.id());
        if (body.isEmpty()) {
            return model;
        }
        try {
            HttpResponse<String> response = client.details(provider, account, uri, body.get());
            if (response.statusCode() == 200) {
                return provider.parseDetails(model, response.body());
            }
            LOG.fine(() -> "srooter: details of " + model.id() + " at " + uri + " answered " + response.statusCode());
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "srooter: details of " + model.id() + " at " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return model;
    }
}
