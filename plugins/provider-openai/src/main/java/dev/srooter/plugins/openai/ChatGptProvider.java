package dev.srooter.plugins.openai;

import dev.srooter.api.DiscoveredModel;
import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * A ChatGPT plan (Plus, Pro, Business) as Codex CLI uses it when signed in with ChatGPT: the Responses API of the
 * backend Codex itself calls, with the plan's OAuth access token and its account id. The backend answers only as a
 * stream and has no model listing, so srooter asks for streams and offers the models Codex offers.
 */
@Extension
public class ChatGptProvider implements Provider {

    /** The attribute of a subscription credential that names the ChatGPT account (a workspace or a person). */
    public static final String ACCOUNT_ID = "account_id";

    /** The models Codex offers a ChatGPT plan; the admin adds others with an alias. */
    static final List<String> MODELS = List.of("gpt-5.2-codex", "gpt-5.2", "gpt-5.1-codex-max", "gpt-5.1-codex",
            "gpt-5.1-codex-mini", "gpt-5.1", "gpt-5-codex", "gpt-5");

    @Override
    public String kind() {
        return "chatgpt";
    }

    @Override
    public Set<WireFormat> formats() {
        return Set.of(WireFormat.OPENAI_RESPONSES);
    }

    @Override
    public Optional<String> defaultBaseUrl() {
        return Optional.of("https://chatgpt.com/backend-api/codex");
    }

    @Override
    public Optional<URI> endpoint(ProviderConfig account, Operation operation) {
        return operation == Operation.RESPONSES ? Optional.of(URI.create(account.base() + "/responses"))
                : Optional.empty();
    }

    @Override
    public Map<String, String> authHeaders(ProviderConfig account) {
        String accountId = account.attribute(ACCOUNT_ID);
        return accountId == null ? Map.of("authorization", "Bearer " + account.apiKey())
                : Map.of("authorization", "Bearer " + account.apiKey(), "chatgpt-account-id", accountId);
    }

    @Override
    public List<DiscoveredModel> knownModels() {
        return MODELS.stream().map(id -> new DiscoveredModel(id, id)).toList();
    }

    @Override
    public boolean streamsOnly() {
        return true;
    }

    @Override
    public List<DiscoveredModel> parseModels(String body) {
        return knownModels();
    }
}
