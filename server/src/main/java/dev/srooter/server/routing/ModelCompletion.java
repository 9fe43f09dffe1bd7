package dev.srooter.server.routing;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.ProviderClient;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.UpstreamBody;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Codec;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Crossing;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A short, whole (not streamed) completion from a model srooter serves, for srooter's own use (the LLM
 * classifier): the request is written in whichever format the model's provider speaks, through the same
 * codecs and provider client as any client's request (credentials in turn, health, circuit breaker, and the
 * model's fallback chain).
 */
@ApplicationScoped
public class ModelCompletion {

    @Inject
    ModelDirectory directory;

    @Inject
    ProviderClient client;

    @Inject
    RuleBook rules;

    /** A completion's text, what it used and cost (and whether that price is known), and who gave it. */
    public record Answer(String text, dev.srooter.server.providers.Usage usage, double costUsd, boolean priceKnown,
                         String served) {
    }

    /** What budgets take a call to {@code model} to cost per million tokens (an unknown price: the assumed one). */
    public java.util.Optional<dev.srooter.server.providers.Price> price(String model) {
        return directory.resolveWithAliases(model, null).map(r -> r.target().price().forBudgets());
    }

    public String complete(String model, String system, String user, int maxTokens, Duration timeout)
            throws IOException {
        return answer(model, system, user, maxTokens, timeout).text();
    }

    /**
     * The model's answer; when its provider fails, the next model of its fallback chain's, as for any request,
     * all within {@code timeout}. The last failure is thrown when none answered.
     */
    public Answer answer(String model, String system, String user, int maxTokens, Duration timeout)
            throws IOException {
        Target first = directory.resolveWithAliases(model, null).map(ModelDirectory.Resolution::target)
                .orElseThrow(() -> new IOException("no provider serves " + model));
        List<Target> targets = new java.util.ArrayList<>(List.of(first));
        for (String step : rules.chainFor(first, model)) {
            directory.resolveWithAliases(step, null).map(ModelDirectory.Resolution::target)
                    .filter(t -> targets.stream().noneMatch(m -> m.qualifiedName().equals(t.qualifiedName())))
                    .ifPresent(targets::add);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException failed = null;
        for (Target target : targets) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                // the first model has the whole time limit (its provider's errors name it in whole seconds)
                return answer(target, system, user, maxTokens, target == first ? timeout : Duration.ofNanos(left));
            } catch (IOException | RuntimeException e) {
                failed = e instanceof IOException io ? io : new IOException(target.qualifiedName() + ": " + e, e);
            }
        }
        throw failed != null ? failed : new IOException(model + ": no time left to ask it");
    }

    private Answer answer(Target target, String system, String user, int maxTokens, Duration timeout)
            throws IOException {
        WireFormat format = List.of(WireFormat.ANTHROPIC_MESSAGES, WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES)
                .stream().filter(target::speaks).findFirst().orElseThrow();
        Codec codec = Codecs.of(format);
        ChatRequest request = new ChatRequest(target.modelId(), List.of(new Part.Text(system)),
                List.of(new Message(Message.Role.USER, List.of(new Part.Text(user)))), List.of(), null, maxTokens, 0.0,
                null, List.of(), false, null, null, null, List.of());
        byte[] body = Js.bytes(codec.writeRequest(request, new Crossing(target.account().name(), target.modelId(),
                target.provider().chatMaxTokensField(target.account()))));
        HttpResponse<UpstreamBody> response;
        try {
            response = client.send(target, ProviderClient.Call.own(Codecs.call(format), body, false).within(timeout));
        } catch (GatewayError failed) {
            throw new IOException(failed.getMessage(), failed);
        }
        if (response.statusCode() != 200 || !(response.body() instanceof UpstreamBody.Whole whole)) {
            throw new IOException(target.qualifiedName() + " answered HTTP " + response.statusCode());
        }
        ChatResponse answer = codec.readResponse(Js.parse(whole.bytes()), target.account().name());
        StringBuilder text = new StringBuilder();
        answer.content().stream().filter(p -> p instanceof Part.Text).forEach(p -> text.append(((Part.Text) p).text()));
        // an unknown price counts at what budgets hold it at; the audit records it as unknown
        return new Answer(text.toString(), answer.usage(), target.price().forBudgets().cost(answer.usage()),
                target.price().known(),
                target.qualifiedName());
    }
}
