package dev.srooter.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Speaks one provider family's protocol: where its endpoints are, how a call is authenticated,
 * and how its model listing reads. srooter does the HTTP, streaming, accounting and audit;
 * a provider only states its differences from the wire format it speaks.
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every account of its kind.
 */
public interface Provider extends ExtensionPoint {

    /** The {@code kind} an admin names when adding an account, e.g. {@code anthropic}. */
    String kind();

    /** The wire formats this provider accepts natively; a client request in one of them is passed through. */
    Set<WireFormat> formats();

    /** The base URL an account gets when the admin names none (a public API's address), if there is one. */
    default Optional<String> defaultBaseUrl() {
        return Optional.empty();
    }

    /** Whether calls cost nothing (a model on the team's own hardware): audit then records a cost of 0 as known. */
    default boolean free() {
        return false;
    }

    /** Whether an account needs a credential; a local server (Ollama) may take none. */
    default boolean needsCredential() {
        return true;
    }

    /** The URL of an operation for an account, or empty when the provider has no such endpoint. */
    Optional<URI> endpoint(ProviderConfig account, Operation operation);

    /** Headers that authenticate a call made with this account. */
    Map<String, String> authHeaders(ProviderConfig account);

    /**
     * Headers the provider requires that a client of another format would not send
     * (for example {@code anthropic-version}); a client's own value wins.
     */
    default Map<String, String> requiredHeaders() {
        return Map.of();
    }

    /**
     * The Chat Completions field this account reads as the output limit when srooter writes a
     * translated request: OpenAI itself wants {@code max_completion_tokens} (its reasoning models refuse
     * {@code max_tokens}); most compatible servers know only {@code max_tokens}.
     */
    default String chatMaxTokensField(ProviderConfig account) {
        return "max_tokens";
    }

    /** Reads the body of a successful {@link Operation#LIST_MODELS} call. */
    List<DiscoveredModel> parseModels(String body);

    /**
     * The models an account has when the provider has no listing to ask ({@link #endpoint} empty for
     * {@link Operation#LIST_MODELS}), such as a subscription backend that serves a known set.
     */
    default List<DiscoveredModel> knownModels() {
        return List.of();
    }

    /**
     * The JSON body that asks for one model's details ({@link Operation#MODEL_DETAILS}, a POST), when the listing
     * does not say what a model can do; empty when the provider has no such call.
     */
    default Optional<String> detailsRequest(String modelId) {
        return Optional.empty();
    }

    /** Reads a successful {@link Operation#MODEL_DETAILS} answer into what the model can do. */
    default DiscoveredModel parseDetails(DiscoveredModel listed, String body) {
        return listed;
    }

    /**
     * Whether the provider answers only as a stream (a subscription backend may refuse anything else): srooter
     * then asks for a stream and, for a client that did not, collects it into one answer.
     */
    default boolean streamsOnly() {
        return false;
    }
}
