package dev.srooter.server.providers;

import dev.srooter.server.store.ProviderAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds a local Ollama with nothing configured: at start and on every model refresh round, it asks the address in
 * {@code SROOTER_OLLAMA_URL} (default {@code http://localhost:11434}; {@code off} stops looking) for its models, and
 * an Ollama that answers is added as a provider named {@code ollama} (or {@code ollama-2}, ... when the name is
 * taken). An address some provider already has is left as it is.
 */
@ApplicationScoped
public class OllamaDiscovery {

    private static final Logger LOG = Logger.getLogger(OllamaDiscovery.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Inject
    ProviderCatalog catalog;

    private volatile String url = "http://localhost:11434";

    public void setUrl(String configured) {
        url = configured == null || configured.isBlank() ? "http://localhost:11434" : configured.trim();
    }

    public String url() {
        return url;
    }

    /** Looks at the configured address; the provider added, if one was. */
    public Optional<ProviderAccount> discover() {
        return "off".equalsIgnoreCase(url) ? Optional.empty() : discover(url);
    }

    /** Looks for an Ollama at {@code address}; the provider added, or empty when none answers or one is known there. */
    public Optional<ProviderAccount> discover(String address) {
        String base = address.replaceAll("/+$", "");
        List<ProviderAccount> accounts = catalog.accounts();
        if (accounts.stream().anyMatch(a -> base.equals(a.baseUrl == null ? null : a.baseUrl.replaceAll("/+$", "")))) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> tags = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/tags"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (tags.statusCode() != 200 || !tags.body().contains("\"models\"")) {
                return Optional.empty();
            }
        } catch (Exception nobody) {
            return Optional.empty(); // nothing listens there: the usual case on a server without Ollama
        }
        String name = "ollama";
        for (int n = 2; nameTaken(accounts, name); n++) {
            name = "ollama-" + n;
        }
        ProviderAccount added = catalog.add(name, "ollama", base, List.of(""), null, null);
        catalog.refreshDirectory();
        LOG.info("srooter: found a local Ollama at " + base + "; added it as provider " + name);
        return Optional.of(added);
    }

    private static boolean nameTaken(List<ProviderAccount> accounts, String name) {
        return accounts.stream().anyMatch(a -> a.name.equals(name));
    }
}
