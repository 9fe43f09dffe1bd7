package dev.srooter.server.providers;

import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.security.SecretBox;
import dev.srooter.server.store.ProviderCredential;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The one provider client wired by hand, with credentials opened from sealed rows, for unit tests (no server). */
public final class ProviderClients {

    private ProviderClients() {
    }

    /** A client whose account {@code providerId} has these keys, in this order. */
    public static ProviderClient over(Path dir, String providerId, String... keys) {
        SecretBox box = SecretBox.open(Base64.getEncoder().encodeToString(new byte[32]), dir);
        Credentials credentials = new Credentials() {
            @Override
            void store(Live credential, String reason) {
                // no database here: the refusal is kept in memory, which is what the request path reads
            }
        };
        credentials.init(box);
        List<ProviderCredential> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(new ProviderCredential(providerId, box.seal(key, providerId), Credentials.hint(key)));
        }
        credentials.open(rows);
        ProviderClient client = new ProviderClient();
        client.credentials = credentials;
        client.health = new ProviderHealth();
        client.health.credentials = credentials;
        client.subscriptions = dev.srooter.server.providers.subscription.Subscriptions.over(credentials);
        client.breakers = new CircuitBreakers();
        client.settings = new dev.srooter.server.GatewaySettings(); // the defaults: a 128 MiB answer limit
        client.call = new ProviderCall();
        client.call.upstream = new Upstream();
        return client;
    }
}
