package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ModelDirectory;
import dev.srooter.server.providers.Target;
import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calls the model routing chose ({@link ModelCall}) and relays its answer, passed through or translated back.
 * When that model cannot serve (see {@link #isFailure}) and nothing has reached the client yet, the next
 * model of its fallback chain serves instead; a provider whose circuit is open is skipped at once.
 */
@ApplicationScoped
public class Dispatch implements Stage {

    @Inject
    Account account;

    @Inject
    ModelCall modelCall;

    @Inject
    CircuitBreakers breakers;

    @Inject
    RuleBook rules;

    @Inject
    ModelDirectory directory;

    @Inject
    Translate translate;

    @Inject
    Instruct instruct;


    @Override
    public void apply(Exchange exchange) {
        List<Target> candidates = candidates(exchange);
        for (int i = 0; i < candidates.size(); i++) {
            Target target = candidates.get(i);
            boolean last = i == candidates.size() - 1;
            if (!last && !breakers.allows(target.providerId())) {
                exchange.attempts.add(new Exchange.Attempt(target.qualifiedName(), 0, 0, "circuit open"));
                continue; // a provider that keeps failing is skipped at once while its circuit is open
            }
            if (i > 0) {
                exchange.target = target;
                exchange.translation = null;
                translate.apply(exchange); // the next model may speak another format
                if (exchange.answered) {
                    return;
                }
                instruct.apply(exchange);
                exchange.route = "fallback -> " + target.modelId();
            }
            long start = System.nanoTime();
            HttpResponse<UpstreamBody> answer;
            try {
                answer = modelCall.send(exchange);
            } catch (GatewayError failed) {
                breakers.record(target.providerId(), true);
                exchange.attempts.add(new Exchange.Attempt(target.qualifiedName(), failed.status(), millis(start),
                        failed.code()));
                if (last) {
                    throw failed;
                }
                continue;
            }
            int status = answer.statusCode();
            boolean failure = isFailure(status, answer);
            breakers.record(target.providerId(), failure);
            exchange.attempts.add(new Exchange.Attempt(target.qualifiedName(), status, millis(start), null));
            if (failure && !last) {
                continue; // the answer was never shown to the client: the next model in the chain serves
            }
            exchange.markFirstByte();
            if (exchange.translation == null) {
                new Relay(exchange, answer, account).run();
            } else {
                new TranslatingRelay(exchange, exchange.translation, answer, account).run();
            }
            return;
        }
    }

    /** The model routing chose, then its fallback chain (by provider/model name, model id or the name asked for). */
    private List<Target> candidates(Exchange exchange) {
        Target first = exchange.target;
        List<String> chain = rules.chainFor(first, exchange.requestedModel);
        List<Target> candidates = new ArrayList<>();
        candidates.add(first);
        for (String step : chain) {
            directory.resolveWithAliases(step, exchange.clientFormat()).map(ModelDirectory.Resolution::target)
                    .filter(t -> candidates.stream().noneMatch(c -> c.qualifiedName().equals(t.qualifiedName())))
                    .filter(t -> Route.permitted(exchange, t))
                    .ifPresent(candidates::add);
        }
        return candidates;
    }

    /**
     * What moves a request to the next model: rate limits left after every credential, provider errors
     * (5xx, 529 overloaded), and a context too long for this model (another may take it).
     */
    static boolean isFailure(int status, HttpResponse<UpstreamBody> answer) {
        if (status == 429 || status >= 500) {
            return true;
        }
        if ((status == 400 || status == 413) && answer.body() instanceof UpstreamBody.Whole whole) {
            String body = new String(whole.bytes(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return body.contains("context length") || body.contains("context_length") || body.contains("context window")
                    || body.contains("prompt is too long") || body.contains("too many tokens")
                    || body.contains("maximum context");
        }
        return false;
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

}
