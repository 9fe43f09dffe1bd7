package dev.srooter.server.pipeline;

import dev.srooter.server.providers.ProviderClient;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.UpstreamBody;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.wire.GatewayError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The attempt chain: the model routing chose, then its fallback chain, each candidate passing the same steps
 * ({@link #steps}) before it is sent the request. A candidate a step turns down is skipped with its reason; one
 * whose answer is a failure (see {@link #isFailure}) gives way to the next, as long as nothing has reached the
 * client. Every candidate is an {@link Decision.Attempted} decision; each move past the first, a fallback.
 */
@ApplicationScoped
public class Dispatch implements Stage {

    @Inject CircuitClosed circuitClosed;
    @Inject PolicyPermits policyPermits;
    @Inject CapabilityFits capabilityFits;
    @Inject Budget budgetHolds;
    @Inject Translate translate;
    @Inject Instruct instruct;

    @Inject Account account;
    @Inject ProviderClient client;
    @Inject FallbackChains chains;
    @Inject BeanManager beans;

    private List<AttemptStep> steps;

    /** What every candidate passes, in order, before it is sent the request. */
    @PostConstruct
    void order() {
        steps = Unproxied.instances(beans, // called without their client proxies
                List.<AttemptStep>of(circuitClosed, policyPermits, capabilityFits, budgetHolds, translate, instruct));
    }

    /** A failed answer kept in case no later candidate gets to answer: the client then sees this one. */
    private record Sent(Target target, Translation translation, HttpResponse<UpstreamBody> answer) {
    }

    @Override
    public void apply(Exchange exchange) {
        List<Target> candidates = chains.withFallbacks(exchange, exchange.target);
        GatewayError lastError = null;
        Sent lastFailure = null;
        for (int i = 0; i < candidates.size(); i++) {
            Target candidate = candidates.get(i);
            boolean last = i == candidates.size() - 1;
            exchange.target = candidate;
            AttemptStep.Skip skip = passSteps(exchange, candidate, last);
            if (exchange.answered) {
                return; // answered by srooter itself (a count_tokens estimate)
            }
            if (skip != null) {
                exchange.decisions.add(new Decision.Attempted(candidate.qualifiedName(), 0, 0, skip.reason()));
                lastError = skip.error();
                continue;
            }
            if (i > 0) {
                exchange.decisions.add(new Decision.FellBack(candidate.modelId()));
            }
            long start = System.nanoTime();
            HttpResponse<UpstreamBody> answer;
            try {
                answer = client.send(candidate, call(exchange));
            } catch (GatewayError failed) {
                exchange.decisions.add(new Decision.Attempted(candidate.qualifiedName(), failed.status(),
                        millis(start), failed.code()));
                lastError = failed;
                lastFailure = null;
                continue;
            }
            int status = answer.statusCode();
            exchange.decisions.add(new Decision.Attempted(candidate.qualifiedName(), status, millis(start), null));
            if (isFailure(status, answer) && !last) {
                // never shown to the client: the next candidate serves, or this answer is relayed after all
                lastFailure = new Sent(candidate, exchange.translation, answer);
                continue;
            }
            relay(exchange, new Sent(candidate, exchange.translation, answer));
            return;
        }
        if (lastFailure != null) {
            relay(exchange, lastFailure); // the later candidates were all skipped: the client sees the failure
            return;
        }
        throw lastError != null ? lastError : new GatewayError(502, "no_model", "No model could serve this request.");
    }

    private AttemptStep.Skip passSteps(Exchange exchange, Target candidate, boolean last) {
        exchange.translation = null;
        exchange.upstreamBody = null;
        for (AttemptStep step : steps) {
            AttemptStep.Skip skip = step.check(exchange, candidate, last);
            if (skip != null || exchange.answered) {
                return skip;
            }
        }
        return null;
    }

    private static ProviderClient.Call call(Exchange exchange) {
        Translation translation = exchange.translation;
        if (translation == null) {
            return new ProviderClient.Call(exchange.operation, exchange.upstreamBody, exchange.stream, exchange.request,
                    null);
        }
        return ProviderClient.Call.own(Codecs.call(translation.providerFormat()), exchange.upstreamBody,
                exchange.stream);
    }

    private void relay(Exchange exchange, Sent sent) {
        exchange.target = sent.target();
        exchange.translation = sent.translation();
        exchange.markFirstByte();
        if (sent.translation() == null) {
            new Relay(exchange, sent.answer(), account).run();
        } else {
            new TranslatingRelay(exchange, sent.translation(), sent.answer(), account).run();
        }
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
            String body = new String(whole.bytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
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
