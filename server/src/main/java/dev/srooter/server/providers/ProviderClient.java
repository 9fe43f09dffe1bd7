package dev.srooter.server.providers;

import dev.srooter.api.Operation;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderConfig;
import dev.srooter.server.GatewaySettings;
import dev.srooter.server.providers.subscription.Subscription;
import dev.srooter.server.providers.subscription.Subscriptions;
import dev.srooter.server.routing.CircuitBreakers;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Every call srooter makes to a provider goes through here: a client's request, srooter's own completions (the
 * LLM classifier, the council) and model discovery. It owns what a call needs besides its body: the URL, the auth
 * and required headers, the account's credentials taken in turn (one refused or rate-limited gives way to the
 * next), the timeout, the provider's health and its circuit breaker.
 */
@ApplicationScoped
public class ProviderClient {

    /**
     * One call to a model: the operation in the provider's format, the body, the client request whose headers go
     * with it (null for srooter's own), and a time limit shorter than the account's (null: the account's).
     */
    public record Call(Operation operation, byte[] body, boolean stream, HttpServletRequest passThroughFrom,
                       Duration timeout) {
        /** srooter's own request (translated, or its own completion): no client headers are passed on. */
        public static Call own(Operation operation, byte[] body, boolean stream) {
            return new Call(operation, body, stream, null, null);
        }

        public Call within(Duration limit) {
            return new Call(operation, body, stream, passThroughFrom, limit);
        }
    }

    @Inject
    Credentials credentials;

    @Inject
    ProviderHealth health;

    @Inject
    ProviderCall call;

    @Inject
    CircuitBreakers breakers;

    @Inject
    Subscriptions subscriptions;

    @Inject
    GatewaySettings settings;

    /** Whether the provider's circuit lets a call through now (closed, or half-open for one trial). */
    public boolean circuitAllows(Target target) {
        return breakers.allows(target.providerId());
    }

    /**
     * Sends a call to a model's provider and returns its answer, whatever its status: judging it is the caller's.
     * Throws a {@link GatewayError} when no answer came (timeout, unreachable) or no credential is usable.
     */
    public HttpResponse<UpstreamBody> send(Target target, Call request) {
        URI uri = target.provider().endpoint(target.account(), request.operation()).orElseThrow(() ->
                new GatewayError(400, "operation_not_supported", "Provider '" + target.account().name()
                        + "' has no endpoint for " + request.operation() + "."));
        Set<String> tried = new HashSet<>();
        Set<String> renewed = new HashSet<>();
        while (true) {
            Optional<Credentials.Live> usable = credentials.pick(target.providerId(), tried);
            if (usable.isEmpty()) {
                breakers.record(target.providerId(), true);
                throw noCredential(target);
            }
            Credentials.Live credential = usable.get();
            tried.add(credential.id());
            if (!subscriptions.ready(credential)) {
                continue; // a subscription that could not be renewed: the next credential, if any
            }
            Subscription plan = credential.subscription();
            HttpResponse<UpstreamBody> answer = sendOnce(target, request, uri, credential);
            int status = answer.statusCode();
            health.record(target.providerId(), status, null);
            if ((status == 401 || status == 403) && plan != null) {
                boolean firstRefusal = renewed.add(credential.id());
                if (status == 401 && firstRefusal && subscriptions.renewAfterRefusal(credential, plan)) {
                    tried.remove(credential.id()); // renewed: the same credential once more
                    continue;
                }
                if (!credentials.needsSignIn(credential)) {
                    if (firstRefusal) {
                        // renewal could not be asked for now: rest, and renew when it is next used
                        credentials.coolDown(credential, Duration.ofSeconds(60));
                    } else {
                        credentials.signInNeeded(credential, "the provider refused the subscription (HTTP " + status
                                + ") even after its tokens were renewed");
                    }
                }
                // a subscription out of service is not the client's fault: the next credential, or the next model
                continue;
            } else if (status == 401 || status == 403) {
                credentials.markBad(credential, "HTTP " + status + " at " + Instant.now());
                if (credentials.pick(target.providerId(), tried).isPresent()) {
                    continue;
                }
            } else if (status == 429) {
                credentials.coolDown(credential, retryAfter(answer));
                if (credentials.pick(target.providerId(), tried).isPresent()) {
                    continue;
                }
            }
            // the provider is failing when it is overloaded or broken; a client error is not its fault
            breakers.record(target.providerId(), status == 429 || status >= 500);
            return answer;
        }
    }

    private HttpResponse<UpstreamBody> sendOnce(Target target, Call request, URI uri, Credentials.Live credential) {
        Duration timeout = request.timeout() != null ? request.timeout() : target.timeoutSeconds() != null
                ? Duration.ofSeconds(target.timeoutSeconds()) : settings.providerTimeout();
        ProviderRequest http = new ProviderRequest(uri, "POST", timeout);
        HttpServletRequest client = request.passThroughFrom();
        if (client != null) {
            ClientHeaders.forward(client, uri, target.provider(), http);
        } else {
            // srooter's own request owes nothing to a client's headers, which may belong to another protocol
            http.header("content-type", "application/json")
                    .header("accept", request.stream() ? "text/event-stream" : "application/json");
            target.provider().requiredHeaders().forEach(http::header);
        }
        authenticate(http::setHeader, target.provider(), new ProviderConfig(target.account().name(),
                target.account().baseUrl(), credential.secret(), credential.attributes()), client);
        try {
            return call.answer(http, request.body(), timeout.toMillis(), settings.maxAnswerBytes());
        } catch (HttpTimeoutException e) {
            failed(target, "timeout");
            throw new GatewayError(504, "upstream_timeout", "Provider '" + target.account().name()
                    + "' did not start answering within " + timeout.toSeconds() + " s.");
        } catch (IOException e) {
            UpstreamFault fault = UpstreamFault.in(e);
            if (fault != null) {
                failed(target, fault.code());
                throw new GatewayError("upstream_idle".equals(fault.code()) ? 504 : 502, fault.code(),
                        "Provider '" + target.account().name() + "': " + fault.getMessage());
            }
            failed(target, e.getClass().getSimpleName());
            throw new GatewayError(502, "upstream_unreachable", "Provider '" + target.account().name()
                    + "' could not be reached or broke off its answer (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayError(502, "upstream_unreachable", "Interrupted while calling the provider.");
        }
    }

    private void failed(Target target, String why) {
        health.record(target.providerId(), 0, why);
        breakers.record(target.providerId(), true);
    }

    /**
     * A model listing ({@link Operation#LIST_MODELS}) with one credential of an account, for discovery. The answer
     * is returned whatever its status; an account being added has no health to record yet.
     */
    public HttpResponse<String> list(Provider provider, ProviderConfig account, URI uri)
            throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        provider.requiredHeaders().forEach(http::header);
        authenticate(http::setHeader, provider, account, null);
        return call.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One model's details ({@link Operation#MODEL_DETAILS}, a POST of {@code body}), for discovery. */
    public HttpResponse<String> details(Provider provider, ProviderConfig account, URI uri, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        provider.requiredHeaders().forEach(http::header);
        authenticate(http::setHeader, provider, account, null);
        return call.send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The credential's auth headers; an {@code anthropic-beta} list joins the client's own, which must pass too. */
    private static void authenticate(BiConsumer<String, String> setHeader, Provider provider, ProviderConfig account,
                                     HttpServletRequest client) {
        for (Map.Entry<String, String> auth : provider.authHeaders(account).entrySet()) {
            String clientValue = client == null ? null : client.getHeader(auth.getKey());
            if (auth.getKey().equalsIgnoreCase("anthropic-beta") && clientValue != null && !clientValue.isBlank()) {
                setHeader.accept(auth.getKey(), clientValue + "," + auth.getValue());
            } else {
                setHeader.accept(auth.getKey(), auth.getValue());
            }
        }
    }

    /** How long a rate-limited credential rests: the provider's retry-after (seconds), else a minute. */
    static Duration retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("retry-after").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
            } catch (NumberFormatException httpDate) {
                return Optional.<Duration>empty();
            }
        }).filter(d -> !d.isNegative()).orElse(Duration.ofSeconds(60));
    }

    private GatewayError noCredential(Target target) {
        return credentials.allCoolingFor(target.providerId())
                .map(wait -> (GatewayError) new GatewayError(429, "rate_limited", "Every credential of provider '"
                        + target.account().name() + "' is rate limited; retry in " + Math.max(1, wait.toSeconds())
                        + " s.").retryAfter(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .orElseGet(() -> new GatewayError(502, "no_usable_credential", "Provider '" + target.account().name()
                        + "' has no usable credential: each was refused by the provider or its subscription needs"
                        + " sign-in. An admin must add or import one."));
    }
}
