package dev.srooter.server.providers;

import dev.srooter.api.Provider;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What of a client's request reaches the provider when srooter passes it through in the client's own format: its
 * query string ({@code ?beta=true}) and its headers (betas, versions, session ids), but not the ones that belong
 * to the hop or to the client's credentials with srooter.
 */
final class ClientHeaders {

    /** Client headers that must not reach the provider. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "upgrade", "te", "trailer", "expect", "http2-settings", "proxy-authorization",
            "proxy-connection", "cookie", "authorization", "x-api-key",
            // Which organisation and project the admin's key bills is the admin's choice, not the developer's.
            "openai-organization", "openai-project",
            // The answer is relayed and read for usage as it streams; ask for it uncompressed.
            "accept-encoding");

    private ClientHeaders() {
    }

    static void forward(HttpServletRequest client, URI uri, Provider provider, ProviderRequest request) {
        String query = client.getQueryString();
        if (query != null) {
            request.uri(URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + query));
        }
        Enumeration<String> names = client.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower)) {
                Enumeration<String> values = client.getHeaders(name);
                while (values.hasMoreElements()) {
                    request.header(lower, values.nextElement());
                }
            }
        }
        if (client.getHeader("content-type") == null) {
            request.header("content-type", "application/json"); // the body is JSON: ReadRequest checked it
        }
        for (Map.Entry<String, String> required : provider.requiredHeaders().entrySet()) {
            if (client.getHeader(required.getKey()) == null) {
                request.header(required.getKey(), required.getValue());
            }
        }
    }
}
