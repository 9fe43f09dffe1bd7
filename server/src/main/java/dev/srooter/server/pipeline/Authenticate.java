package dev.srooter.server.pipeline;

import dev.srooter.server.keys.GatewayKeys;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Decides who is calling, from the gateway key in the base URL's path ({@code /k/<key>/v1/...}), else in
 * {@code x-api-key} or {@code Authorization: Bearer}. A key in the path wins: the client's own headers may then carry
 * a credential of its own (Claude Code's subscription login), which srooter neither uses nor forwards.
 */
@ApplicationScoped
public class Authenticate implements Stage {

    @Inject
    GatewayKeys keys;

    @Override
    public void apply(Exchange exchange) {
        Object inPath = exchange.request.getAttribute(dev.srooter.server.wire.GatewayServlet.KEY_IN_PATH);
        String key = inPath instanceof String k ? k : exchange.request.getHeader("x-api-key");
        if (key == null || key.isBlank()) {
            String authorization = exchange.request.getHeader("authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
        }
        if (key == null || key.isBlank()) {
            throw new GatewayError(401, "missing_api_key",
                    "No gateway key: send your srooter key in x-api-key or Authorization: Bearer, or put it in the"
                            + " base URL (http://host:9080/k/<key>).");
        }
        String presented = key.trim();
        exchange.caller = keys.verify(presented).orElseThrow(() -> keys.expiredAt(presented)
                .map(at -> new GatewayError(401, "expired_api_key", "The gateway key expired at " + at
                        + ". Mint a new one in the srooter console (Keys), or ask your admin."))
                .orElseGet(() -> new GatewayError(401, "invalid_api_key",
                        "The gateway key is not valid: it is unknown or has been revoked.")));
    }
}
