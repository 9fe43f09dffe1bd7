package dev.srooter.server.routing;

import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Credentials;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderCall;
import dev.srooter.server.providers.Target;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Codec;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Crossing;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A short, whole (not streamed) completion from a model srooter serves, for srooter's own use (the LLM
 * classifier): the request is written in whichever format the model's provider speaks, through the same
 * codecs, credentials and HTTP client as any client's request.
 */
@ApplicationScoped
public class ModelCompletion {

    @Inject
    ModelDirectory directory;

    @Inject
    Credentials credentials;

    @Inject
    ProviderCall call;

    public String complete(String model, String system, String user, int maxTokens, Duration timeout)
            throws IOException {
        Target target = directory.resolveWithAliases(model, null).map(ModelDirectory.Resolution::target)
                .orElseThrow(() -> new IOException("no provider serves " + model));
        WireFormat format = List.of(WireFormat.ANTHROPIC_MESSAGES, WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES)
                .stream().filter(target::speaks).findFirst().orElseThrow();
        Codec codec = Codecs.of(format);
        ChatRequest request = new ChatRequest(target.modelId(), List.of(new Part.Text(system)),
                List.of(new Message(Message.Role.USER, List.of(new Part.Text(user)))), List.of(), null, maxTokens, 0.0,
                null, List.of(), false, null, null, null, List.of());
        byte[] body = Js.bytes(codec.writeRequest(request, new Crossing(target.account().name(), target.modelId(),
                target.provider().chatMaxTokensField(target.account()))));
        Credentials.Live credential = credentials.any(target.providerId())
                .orElseThrow(() -> new IOException("provider " + target.account().name() + " has no usable credential"));
        ProviderConfig account = new ProviderConfig(target.account().name(), target.account().baseUrl(),
                credential.secret());
        URI uri = target.provider().endpoint(account, Codecs.call(format)).orElseThrow();
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.provider().requiredHeaders().forEach(http::header);
        target.provider().authHeaders(account).forEach(http::setHeader);
        HttpResponse<byte[]> response;
        try {
            response = call.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(model + " answered HTTP " + response.statusCode());
        }
        ChatResponse answer = codec.readResponse(Js.parse(response.body()), target.account().name());
        StringBuilder text = new StringBuilder();
        answer.content().stream().filter(p -> p instanceof Part.Text).forEach(p -> text.append(((Part.Text) p).text()));
        return text.toString();
    }
}
