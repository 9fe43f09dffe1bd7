package dev.srooter.server.wire;

import dev.srooter.api.Operation;
import dev.srooter.api.WireFormat;
import dev.srooter.server.pipeline.Exchange;
import dev.srooter.server.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The wire endpoints clients talk to, under {@code /v1}: Anthropic Messages, OpenAI Chat Completions
 * and Responses, and the model listing. A plain servlet, so that bytes reach the client as the
 * provider sends them.
 */
@WebServlet(urlPatterns = {"/v1/*", "/k/*"}, loadOnStartup = 1)
public class GatewayServlet extends HttpServlet {

    /**
     * The request attribute that holds a gateway key sent in the base URL's path ({@code /k/<key>/v1/...}): one
     * environment variable is then enough for Claude Code ({@code ANTHROPIC_BASE_URL=http://host:9080/k/<key>}).
     */
    public static final String KEY_IN_PATH = "srooter.gatewayKeyInPath";

    /** The model calls, each POSTed to its endpoint. */
    private static final Map<String, Operation> MODEL_CALLS = Map.of(
            "/messages", Operation.MESSAGES,
            "/messages/count_tokens", Operation.COUNT_TOKENS,
            "/chat/completions", Operation.CHAT_COMPLETIONS,
            "/responses", Operation.RESPONSES);

    /**
     * {@code /v1/models}, and {@code /v1/models/{id}}: one model, as the SDKs' {@code models.retrieve} asks (an id may
     * hold a slash).
     */
    private static final String MODELS = "/models";
    private static final String ONE_MODEL = "/models/";

    @Inject
    Pipeline pipeline;

    /** GET, HEAD and POST as a servlet takes them; every other method is answered here, in the client's format. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("POST")) {
            super.service(request, response);
            return;
        }
        String allowed = allowed(path(request));
        if (method.equals("OPTIONS") && allowed != null) {
            response.setHeader("allow", allowed + ", OPTIONS");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            wrongMethod(request, response);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Operation operation = MODEL_CALLS.get(path(request));
        if (operation == null) {
            wrongMethod(request, response);
            return;
        }
        pipeline.call(new Exchange(operation, request, response));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (path.equals(MODELS)) {
            pipeline.listModels(new Exchange(Operation.LIST_MODELS, request, response));
        } else if (path.startsWith(ONE_MODEL)) {
            Exchange exchange = new Exchange(Operation.LIST_MODELS, request, response);
            exchange.requestedModel = path.substring(ONE_MODEL.length());
            pipeline.listModels(exchange);
        } else if (path.equals("/responses")) {
            webSocketNotOffered(response);
        } else {
            wrongMethod(request, response);
        }
    }

    /**
     * The endpoint asked for, after {@code /v1}. Under {@code /k/<key>/v1/...} the key is taken out of the path (kept
     * in {@link #KEY_IN_PATH} for authentication) so that nothing after this, an error message included, sees it.
     */
    private static String path(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null) {
            return "";
        }
        if ("/k".equals(request.getServletPath())) {
            int slash = path.indexOf('/', 1);
            String key = slash < 0 ? path.substring(1) : path.substring(1, slash);
            if (!key.isEmpty()) {
                request.setAttribute(KEY_IN_PATH, key);
            }
            String rest = slash < 0 ? "" : path.substring(slash);
            // Liberty's trace of this HTTP request (when OpenTelemetry is on) recorded the path with the key in it:
            // overwritten while the span is still open, so no trace backend ever receives the key
            io.opentelemetry.api.trace.Span.current().setAttribute("url.path", "/k/[key]" + rest);
            if (!rest.startsWith("/v1/")) {
                return "/(not under /v1)";
            }
            path = rest.substring(3);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * Codex CLI's built-in OpenAI provider first asks for the Responses API over a WebSocket
     * ({@code GET /v1/responses} with an upgrade). srooter serves it over HTTP POST only. Codex takes 426 as
     * "no WebSocket here" and posts at once; to a 404 or 405 it retried for about 6.5 s first (measured
     * with Codex CLI 0.169.0).
     */
    private static void webSocketNotOffered(HttpServletResponse response) throws IOException {
        GatewayError error = new GatewayError(426, "websocket_not_offered",
                "srooter serves the Responses API over HTTP POST; the WebSocket transport is not offered.");
        Reply.error(response, WireFormat.OPENAI_RESPONSES, error);
    }

    /**
     * The methods an endpoint answers ({@code Allow}); null for no endpoint. A known endpoint asked with another method
     * is a 405 in the client's own format, not the servlet container's HTML page nor a 404 that reads as a wrong base
     * URL.
     */
    private static String allowed(String path) {
        if (MODEL_CALLS.containsKey(path)) {
            return "POST";
        }
        return path.equals(MODELS) || path.startsWith(ONE_MODEL) ? "GET, HEAD" : null;
    }

    /** A 405 with {@code Allow} for an endpoint srooter has under another method; a 404 for one it does not have. */
    private static void wrongMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        WireFormat format = path.startsWith("/messages") || request.getHeader("anthropic-version") != null
                ? WireFormat.ANTHROPIC_MESSAGES : WireFormat.OPENAI_CHAT;
        String allowed = allowed(path);
        GatewayError error;
        if (allowed == null) {
            error = new GatewayError(404, "unknown_endpoint", "srooter has no endpoint "
                    + request.getMethod() + " /v1" + path + ".");
        } else {
            response.setHeader("allow", allowed);
            error = new GatewayError(405, "method_not_allowed", "/v1" + path + " takes " + allowed + ", not "
                    + request.getMethod() + ".");
        }
        Reply.error(response, format, error);
    }
}
