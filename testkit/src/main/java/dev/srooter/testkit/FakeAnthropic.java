package dev.srooter.testkit;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.util.List;

/** A fake Anthropic API: {@code /v1/models}, {@code /v1/messages} (plain and SSE) and {@code count_tokens}. */
public final class FakeAnthropic extends FakeProvider {

    public static final List<String> DEFAULT_MODELS =
            List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805");

    public FakeAnthropic(int port) throws IOException {
        this(port, DEFAULT_MODELS);
    }

    public FakeAnthropic(int port, List<String> models) throws IOException {
        super(port, models, "Hello from the fake Anthropic provider.");
    }

    @Override
    protected void listModels(HttpExchange exchange) throws IOException {
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (String id : models()) {
            data.add(Json.createObjectBuilder().add("type", "model").add("id", id)
                    .add("display_name", id).add("created_at", "2025-09-29T00:00:00Z"));
        }
        sendJson(exchange, 200, Json.createObjectBuilder().add("data", data).add("has_more", false)
                .add("first_id", models().get(0)).add("last_id", models().get(models().size() - 1)).build());
    }

    @Override
    protected boolean answer(String path, JsonObject request, Reply reply, HttpExchange exchange) throws IOException {
        if (path.equals("/v1/messages/count_tokens")) {
            sendJson(exchange, 200, Json.createObjectBuilder()
                    .add("input_tokens", Math.max(1, request.toString().length() / 4)).build());
            return true;
        }
        if (!path.equals("/v1/messages")) {
            return false;
        }
        if (request.getBoolean("stream", false)) {
            stream(request, reply, exchange);
        } else {
            sendJson(exchange, 200, message(request, reply));
        }
        return true;
    }

    @Override
    protected JsonObject errorBody(int status, String message) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        return Json.createObjectBuilder().add("type", "error").add("error", Json.createObjectBuilder()
                .add("type", type).add("message", message)).build();
    }

    private static JsonObject message(JsonObject request, Reply reply) {
        JsonArrayBuilder content = Json.createArrayBuilder();
        if (reply.thinking() != null) {
            content.add(Json.createObjectBuilder().add("type", "thinking").add("thinking", reply.thinking())
                    .add("signature", reply.opaqueState()));
        }
        if (!reply.text().isEmpty()) {
            content.add(Json.createObjectBuilder().add("type", "text").add("text", reply.text()));
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            content.add(Json.createObjectBuilder().add("type", "tool_use").add("id", call.id())
                    .add("name", call.name()).add("input", parse(call.argumentsJson())));
        }
        return messageShell(request, stopReason(reply))
                .add("content", content)
                .add("usage", usage(reply.usage(), reply.usage().output())).build();
    }

    private static String stopReason(Reply reply) {
        return reply.truncated() ? "max_tokens" : reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static JsonObjectBuilder messageShell(JsonObject request, String stopReason) {
        JsonObjectBuilder shell = Json.createObjectBuilder().add("id", "msg_fake_" + System.nanoTime())
                .add("type", "message").add("role", "assistant").add("model", modelOf(request));
        if (stopReason == null) {
            shell.addNull("stop_reason");
        } else {
            shell.add("stop_reason", stopReason);
        }
        return shell.addNull("stop_sequence");
    }

    private static JsonObjectBuilder usage(Reply.Usage usage, int output) {
        return Json.createObjectBuilder().add("input_tokens", usage.input())
                .add("cache_creation_input_tokens", usage.cacheWrite())
                .add("cache_read_input_tokens", usage.cacheRead())
                .add("output_tokens", output);
    }

    private static void stream(JsonObject request, Reply reply, HttpExchange exchange) throws IOException {
        SseWriter sse = startStream(exchange, reply);
        sse.event("message_start", Json.createObjectBuilder().add("type", "message_start")
                .add("message", messageShell(request, null).add("content", Json.createArrayBuilder())
                        .add("usage", usage(reply.usage(), 1))).build());
        int index = 0;
        if (reply.thinking() != null) {
            sse.event("content_block_start", blockStart(index, Json.createObjectBuilder().add("type", "thinking")
                    .add("thinking", "").add("signature", "")));
            sse.event("content_block_delta", blockDelta(index,
                    Json.createObjectBuilder().add("type", "thinking_delta").add("thinking", reply.thinking())));
            sse.event("content_block_delta", blockDelta(index,
                    Json.createObjectBuilder().add("type", "signature_delta").add("signature", reply.opaqueState())));
            sse.event("content_block_stop", blockStop(index++));
        }
        if (!reply.text().isEmpty()) {
            sse.event("content_block_start", blockStart(index,
                    Json.createObjectBuilder().add("type", "text").add("text", "")));
            sse.event("ping", Json.createObjectBuilder().add("type", "ping").build());
            for (String piece : reply.textPieces()) {
                sse.event("content_block_delta", blockDelta(index,
                        Json.createObjectBuilder().add("type", "text_delta").add("text", piece)));
            }
            sse.event("content_block_stop", blockStop(index++));
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            sse.event("content_block_start", blockStart(index, Json.createObjectBuilder().add("type", "tool_use")
                    .add("id", call.id()).add("name", call.name()).add("input", Json.createObjectBuilder())));
            String args = call.argumentsJson();
            int half = args.length() / 2;
            for (String part : new String[] {args.substring(0, half), args.substring(half)}) {
                sse.event("content_block_delta", blockDelta(index,
                        Json.createObjectBuilder().add("type", "input_json_delta").add("partial_json", part)));
            }
            sse.event("content_block_stop", blockStop(index++));
        }
        sse.event("message_delta", Json.createObjectBuilder().add("type", "message_delta")
                .add("delta", Json.createObjectBuilder()
                        .add("stop_reason", stopReason(reply))
                        .addNull("stop_sequence"))
                .add("usage", Json.createObjectBuilder().add("output_tokens", reply.usage().output())).build());
        sse.event("message_stop", Json.createObjectBuilder().add("type", "message_stop").build());
    }

    private static JsonObject blockStart(int index, JsonObjectBuilder block) {
        return Json.createObjectBuilder().add("type", "content_block_start").add("index", index)
                .add("content_block", block).build();
    }

    private static JsonObject blockDelta(int index, JsonObjectBuilder delta) {
        return Json.createObjectBuilder().add("type", "content_block_delta").add("index", index)
                .add("delta", delta).build();
    }

    private static JsonObject blockStop(int index) {
        return Json.createObjectBuilder().add("type", "content_block_stop").add("index", index).build();
    }

    static JsonObject parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }
}
