package dev.srooter.testkit;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.util.List;

/**
 * A fake OpenAI-compatible API under {@code /v1}: models, Chat Completions and Responses, plain and
 * streamed. Responses events are rendered by {@link FakeResponsesStream}.
 */
public final class FakeOpenAi extends FakeProvider {

    public static final List<String> DEFAULT_MODELS = List.of("gpt-4o", "gpt-4o-mini", "qwen2.5-coder:7b");

    /** Also the ChatGPT backend Codex uses, at {@code /backend-api/codex}: only streams, for a named account. */
    public FakeOpenAi(int port) throws IOException {
        this(port, DEFAULT_MODELS);
    }

    public FakeOpenAi(int port, List<String> models) throws IOException {
        super(port, models, "Hello from the fake OpenAI provider.");
    }

    /** What Ollama's /api/show says each model can do ({@code tools}, {@code vision}, {@code thinking}). */
    private final java.util.Map<String, List<String>> ollamaCapabilities = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Sets what this fake, as an Ollama, says a model can do in {@code /api/show} (besides {@code completion});
     * a model not set takes no tools.
     */
    public void setOllamaCapabilities(String model, List<String> capabilities) {
        ollamaCapabilities.put(model, List.copyOf(capabilities));
    }

    @Override
    protected void listModels(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/api/show")) {
            String model;
            try (var reader = Json.createReader(new java.io.StringReader((String) exchange.getAttribute("body")))) {
                model = reader.readObject().getString("model", "");
            }
            if (!models().contains(model)) {
                sendJson(exchange, 404, Json.createObjectBuilder().add("error", "model '" + model + "' not found")
                        .build());
                return;
            }
            var capabilities = Json.createArrayBuilder().add("completion");
            ollamaCapabilities.getOrDefault(model, List.of()).forEach(capabilities::add);
            sendJson(exchange, 200, Json.createObjectBuilder().add("modelfile", "FROM " + model)
                    .add("details", Json.createObjectBuilder().add("family", "qwen2").add("parameter_size", "7B"))
                    .add("model_info", Json.createObjectBuilder().add("general.architecture", "qwen2")
                            .add("qwen2.context_length", 32768))
                    .add("capabilities", capabilities).build());
            return;
        }
        if (exchange.getRequestURI().getPath().equals("/api/tags")) {
            // Ollama's native listing, so this fake serves an Ollama provider too
            var tags = Json.createArrayBuilder();
            for (String id : models()) {
                tags.add(Json.createObjectBuilder().add("name", id).add("model", id).add("size", 1000)
                        .add("details", Json.createObjectBuilder().add("parameter_size", "7B")));
            }
            sendJson(exchange, 200, Json.createObjectBuilder().add("models", tags).build());
            return;
        }
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (String id : models()) {
            data.add(Json.createObjectBuilder().add("id", id).add("object", "model")
                    .add("created", 1_700_000_000).add("owned_by", "fake"));
        }
        sendJson(exchange, 200, Json.createObjectBuilder().add("object", "list").add("data", data).build());
    }

    @Override
    protected boolean answer(String path, JsonObject request, Reply reply, HttpExchange exchange) throws IOException {
        boolean stream = request.getBoolean("stream", false);
        switch (path) {
            case "/v1/chat/completions" -> {
                if (stream) {
                    streamChat(request, reply, exchange);
                } else {
                    sendJson(exchange, 200, chatCompletion(request, reply));
                }
                return true;
            }
            case "/v1/responses", "/backend-api/codex/responses" -> {
                if (path.startsWith("/backend-api") && (!stream
                        || exchange.getRequestHeaders().getFirst("chatgpt-account-id") == null)) {
                    // the ChatGPT backend Codex uses answers only streams, for a named account
                    sendJson(exchange, 400, Json.createObjectBuilder().add("detail", !stream
                            ? "Stream must be set to true" : "chatgpt-account-id is required").build());
                    return true;
                }
                if (stream) {
                    new FakeResponsesStream(request, reply).write(startStream(exchange, reply));
                } else {
                    sendJson(exchange, 200, FakeResponsesStream.response(request, reply, FakeResponsesStream.finalStatus(reply)));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    protected JsonObject errorBody(int status, String message) {
        String type = switch (status) {
            case 400, 404 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_exceeded";
            default -> "server_error";
        };
        return Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                .add("message", message).add("type", type)
                .addNull("param").add("code", type)).build();
    }

    static JsonObjectBuilder chatUsage(Reply.Usage usage) {
        int prompt = usage.input() + usage.cacheRead();
        return Json.createObjectBuilder().add("prompt_tokens", prompt).add("completion_tokens", usage.output())
                .add("total_tokens", prompt + usage.output())
                .add("prompt_tokens_details", Json.createObjectBuilder().add("cached_tokens", usage.cacheRead()));
    }

    private static JsonObject chatCompletion(JsonObject request, Reply reply) {
        JsonObjectBuilder message = Json.createObjectBuilder().add("role", "assistant");
        if (reply.text().isEmpty()) {
            message.addNull("content");
        } else {
            message.add("content", reply.text());
        }
        if (reply.thinking() != null) {
            message.add("reasoning_content", reply.thinking()); // DeepSeek's and vLLM's field
        }
        if (!reply.toolCalls().isEmpty()) {
            JsonArrayBuilder calls = Json.createArrayBuilder();
            for (Reply.ToolCall call : reply.toolCalls()) {
                calls.add(Json.createObjectBuilder().add("id", call.id()).add("type", "function")
                        .add("function", Json.createObjectBuilder().add("name", call.name())
                                .add("arguments", call.argumentsJson())));
            }
            message.add("tool_calls", calls);
        }
        message.addNull("refusal");
        return chunkShell(request, "chat.completion")
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder().add("index", 0)
                        .add("message", message).addNull("logprobs").add("finish_reason", finishReason(reply))))
                .add("usage", chatUsage(reply.usage())).build();
    }

    private static String finishReason(Reply reply) {
        return reply.truncated() ? "length" : reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    private static JsonObjectBuilder chunkShell(JsonObject request, String object) {
        return Json.createObjectBuilder().add("id", "chatcmpl-fake").add("object", object)
                .add("created", System.currentTimeMillis() / 1000).add("model", modelOf(request))
                .add("system_fingerprint", "fp_fake");
    }

    private static void streamChat(JsonObject request, Reply reply, HttpExchange exchange) throws IOException {
        SseWriter sse = startStream(exchange, reply);
        sse.event(null, chunk(request, Json.createObjectBuilder().add("role", "assistant").add("content", ""), null));
        if (reply.thinking() != null) {
            sse.event(null, chunk(request, Json.createObjectBuilder().add("reasoning_content", reply.thinking()), null));
        }
        for (String piece : reply.textPieces()) {
            sse.event(null, chunk(request, Json.createObjectBuilder().add("content", piece), null));
        }
        int index = 0;
        for (Reply.ToolCall call : reply.toolCalls()) {
            sse.event(null, chunk(request, toolDelta(index, Json.createObjectBuilder().add("id", call.id())
                    .add("type", "function").add("function", Json.createObjectBuilder().add("name", call.name())
                            .add("arguments", ""))), null));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String part : new String[] {args.substring(0, half), args.substring(half)}) {
                sse.event(null, chunk(request, toolDelta(index, Json.createObjectBuilder()
                        .add("function", Json.createObjectBuilder().add("arguments", part))), null));
            }
            index++;
        }
        sse.event(null, chunk(request, Json.createObjectBuilder(), finishReason(reply)));
        JsonObject options = request.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            sse.event(null, chunkShell(request, "chat.completion.chunk").add("choices", Json.createArrayBuilder())
                    .add("usage", chatUsage(reply.usage())).build());
        }
        sse.data("", "[DONE]");
    }

    private static JsonObjectBuilder toolDelta(int index, JsonObjectBuilder call) {
        return Json.createObjectBuilder().add("tool_calls", Json.createArrayBuilder().add(call.add("index", index)));
    }

    private static JsonObject chunk(JsonObject request, JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta).addNull("logprobs");
        if (finishReason == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finishReason);
        }
        return chunkShell(request, "chat.completion.chunk").add("choices", Json.createArrayBuilder().add(choice))
                .build();
    }
}
