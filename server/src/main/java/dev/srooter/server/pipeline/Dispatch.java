package dev.srooter.server.pipeline;

import dev.srooter.api.Operation;
import dev.srooter.server.providers.Target;
import dev.srooter.server.providers.Upstream;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends the request to the chosen provider and relays its answer. Same-format requests pass through:
 * the client's bytes, query string and headers go on as they came, except for its gateway key (replaced
 * by the provider credential), hop-by-hop headers, and what Translate changed in the body. A translated
 * request goes with fresh headers, and its answer is translated back on the way out.
 */
@ApplicationScoped
public class Dispatch implements Stage {

    /** Client headers that must not reach the provider. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "upgrade", "te", "trailer", "expect", "http2-settings", "proxy-authorization",
            "proxy-connection", "cookie", "authorization", "x-api-key",
            // The answer is relayed and read for usage as it streams; ask for it uncompressed.
            "accept-encoding");

    @Inject
    Upstream upstream;

    @Inject
    Account account;

    @Override
    public void apply(Exchange exchange) {
        Target target = exchange.target;
        Translation translation = exchange.translation;
        Operation operation = translation == null ? exchange.operation : Codecs.call(translation.providerFormat());
        URI uri = target.provider().endpoint(target.account(), operation).orElseThrow(() ->
                new GatewayError(400, "operation_not_supported", "Provider '" + target.account().name()
                        + "' has no endpoint for " + operation + "."));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.upstreamBody));
        if (translation == null) {
            forwardClientHeaders(exchange, uri, request);
        } else {
            // A translated request owes nothing to the client's headers, which belong to another protocol.
            request.header("content-type", "application/json")
                    .header("accept", exchange.stream ? "text/event-stream" : "application/json");
            target.provider().requiredHeaders().forEach(request::header);
        }
        target.provider().authHeaders(target.account()).forEach(request::setHeader);

        HttpResponse<UpstreamBody> answer;
        try {
            answer = upstream.client().send(request.build(), UpstreamBody.handler());
        } catch (IOException e) {
            throw new GatewayError(502, "upstream_unreachable", "Provider '" + target.account().name()
                    + "' could not be reached or broke off its answer (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayError(502, "upstream_unreachable", "Interrupted while calling the provider.");
        }
        exchange.markFirstByte();
        if (translation == null) {
            new Relay(exchange, answer, account).run();
        } else {
            new TranslatingRelay(exchange, translation, answer, account).run();
        }
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
