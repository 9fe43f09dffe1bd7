package dev.srooter.server.pipeline;

import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import dev.srooter.server.GatewaySettings;
import dev.srooter.server.providers.Credentials;
import dev.srooter.server.providers.ProviderCall;
import dev.srooter.server.providers.ProviderHealth;
import dev.srooter.server.providers.Target;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One call to the model Dispatch chose: the HTTP request (the client's headers passed on, or fresh ones for a
 * translated request; the credential's auth headers), sent with the account's credentials taking turns. A
 * credential the provider refuses or rate-limits gives way to the next; the answer that comes back last is
 * Dispatch's to judge.
 */
@ApplicationScoped
public class ModelCall {

    /** Client headers that must not reach the provider. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "upgrade", "te", "trailer", "expect", "http2-settings", "proxy-authorization",
            "proxy-connection", "cookie", "authorization", "x-api-key",
            // The answer is relayed and read for usage as it streams; ask for it uncompressed.
            "accept-encoding");

    @Inject
    Credentials credentials;

    @Inject
    ProviderHealth health;

    @Inject
    ProviderCall call;

    @Inject
    GatewaySettings settings;

    /** One model's call: credentials take turns; a refused (401/403) or rate-limited (429) one gives way to the next. */
    HttpResponse<UpstreamBody> send(Exchange exchange) {
        Target target = exchange.target;
        Translation translation = exchange.translation;
        Operation operation = translation == null ? exchange.operation : Codecs.call(translation.providerFormat());
        URI uri = target.provider().endpoint(target.account(), operation).orElseThrow(() ->
                new GatewayError(400, "operation_not_supported", "Provider '" + target.account().name()
                        + "' has no endpoint for " + operation + "."));
        Set<String> tried = new HashSet<>();
        while (true) {
            Credentials.Live credential = credentials.pick(target.providerId(), tried)
                    .orElseThrow(() -> noCredential(target));
            tried.add(credential.id());
            HttpResponse<UpstreamBody> answer = send(exchange, uri, credential);
            int status = answer.statusCode();
            health.record(target.providerId(), status, null);
            if (status == 401 || status == 403) {
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
            return answer;
        }
    }

    private HttpResponse<UpstreamBody> send(Exchange exchange, URI uri, Credentials.Live credential) {
        Target target = exchange.target;
        java.time.Duration timeout = target.timeoutSeconds() != null
                ? java.time.Duration.ofSeconds(target.timeoutSeconds()) : settings.providerTimeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.upstreamBody));
        if (exchange.translation == null) {
            forwardClientHeaders(exchange, uri, request);
        } else {
            // A translated request owes nothing to the client's headers, which belong to another protocol.
            request.header("content-type", "application/json")
                    .header("accept", exchange.stream ? "text/event-stream" : "application/json");
            target.provider().requiredHeaders().forEach(request::header);
        }
        ProviderConfig account = new ProviderConfig(target.account().name(), target.account().baseUrl(),
                credential.secret());
        for (Map.Entry<String, String> auth : target.provider().authHeaders(account).entrySet()) {
            String client = exchange.translation == null ? exchange.request.getHeader(auth.getKey()) : null;
            if (auth.getKey().equalsIgnoreCase("anthropic-beta") && client != null && !client.isBlank()) {
                // a list: the credential's beta (OAuth) joins the client's own, which must reach the provider too
                request.setHeader(auth.getKey(), client + "," + auth.getValue());
            } else {
                request.setHeader(auth.getKey(), auth.getValue());
            }
        }
        try {
            return call.send(request.build(), UpstreamBody.handler());
        } catch (java.net.http.HttpTimeoutException e) {
            health.record(target.providerId(), 0, "timeout");
            throw new GatewayError(504, "upstream_timeout", "Provider '" + target.account().name()
                    + "' did not start answering within " + timeout.toSeconds() + " s.");
        } catch (IOException e) {
            health.record(target.providerId(), 0, e.getClass().getSimpleName());
            throw new GatewayError(502, "upstream_unreachable", "Provider '" + target.account().name()
                    + "' could not be reached or broke off its answer (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayError(502, "upstream_unreachable", "Interrupted while calling the provider.");
        }
    }

    /** How long a rate-limited credential rests: the provider's retry-after (seconds), else a minute. */
    static Duration retryAfter(HttpResponse<?> answer) {
        return answer.headers().firstValue("retry-after").map(String::trim).flatMap(value -> {
            try {
                return java.util.Optional.of(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
            } catch (NumberFormatException httpDate) {
                return java.util.Optional.empty();
            }
        }).filter(d -> !d.isNegative()).orElse(Duration.ofSeconds(60));
    }

    private GatewayError noCredential(Target target) {
        return credentials.allCoolingFor(target.providerId())
                .map(wait -> (GatewayError) new GatewayError(429, "rate_limited", "Every credential of provider '"
                        + target.account().name() + "' is rate limited; retry in " + Math.max(1, wait.toSeconds())
                        + " s.").retryAfter(Math.max(1, (wait.toMillis() + 999) / 1000)))
                .orElseGet(() -> new GatewayError(502, "no_usable_credential", "Provider '" + target.account().name()
                        + "' has no usable credential: each was refused by the provider. An admin must add one."));
    }

    private static void forwardClientHeaders(Exchange exchange, URI uri, HttpRequest.Builder request) {
        String query = exchange.request.getQueryString();
        if (query != null) {
            request.uri(URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query));
        }
        for (String name : Collections.list(exchange.request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower)) {
                for (String value : Collections.list(exchange.request.getHeaders(name))) {
                    request.header(lower, value);
                }
            }
        }
        if (exchange.request.getHeader("content-type") == null) {
            request.header("content-type", "application/json"); // the body is JSON: ReadRequest checked it
        }
        for (Map.Entry<String, String> required : exchange.target.provider().requiredHeaders().entrySet()) {
            if (exchange.request.getHeader(required.getKey()) == null) {
                request.header(required.getKey(), required.getValue());
            }
        }
    }
}
