package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Responses event stream. Output items are the blocks: a message's text parts, a function
 * call, a reasoning item (its summary is the readable text, its {@code encrypted_content}, delivered
 * with {@code output_item.done}, the opaque state). Each text part of a message is a block of its own.
 */
final class ResponsesStreamReader implements StreamReader {

    private final String origin;
    /** "output index" or "output index/content index" to canonical block index. */
    private final Map<String, Integer> blocks = new HashMap<>();
    private final Map<Integer, Boolean> argumentsSeen = new HashMap<>();
    private int next;
    private boolean calls;

    ResponsesStreamReader(String origin) {
        this.origin = origin;
    }

    @Override
    public List<StreamEvent> read(String event, String data) {
        JsonObject e = Js.parse(data.getBytes(StandardCharsets.UTF_8));
        String type = String.valueOf(Js.str(e, "type"));
        List<StreamEvent> out = new ArrayList<>(2);
        Integer at = Js.integer(e, "output_index");
        switch (type) {
            case "response.created" -> {
                JsonObject response = Js.obj(e, "response");
                out.add(new StreamEvent.Start(Js.str(response, "id"), Js.str(response, "model"), Usage.NONE));
            }
            case "response.output_item.added" -> {
                JsonObject item = Js.obj(e, "item");
                String itemType = String.valueOf(Js.str(item, "type"));
                if (itemType.equals("function_call")) {
                    int i = open(String.valueOf(at));
                    calls = true;
                    out.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.TOOL_CALL, Js.str(item, "call_id"),
                            Js.str(item, "name")));
                    String arguments = Js.str(item, "arguments");
                    if (arguments != null && !arguments.isEmpty()) {
                        argumentsSeen.put(i, true);
                        out.add(new StreamEvent.ArgumentsDelta(i, arguments));
                    }
                } else if (itemType.equals("reasoning")) {
                    out.add(new StreamEvent.BlockStart(open(String.valueOf(at)), StreamEvent.Kind.THINKING, null,
                            null));
                }
            }
            case "response.content_part.added" -> {
                int i = open(at + "/" + Js.integer(e, "content_index"));
                out.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.TEXT, null, null));
            }
            case "response.output_text.delta", "response.refusal.delta" -> {
                Integer i = blocks.get(at + "/" + Js.integer(e, "content_index"));
                String delta = Js.str(e, "delta");
                if (i != null && delta != null && !delta.isEmpty()) {
                    out.add(new StreamEvent.TextDelta(i, delta));
                }
            }
            case "response.content_part.done" -> {
                Integer i = blocks.remove(at + "/" + Js.integer(e, "content_index"));
                if (i != null) {
                    out.add(new StreamEvent.BlockStop(i));
                }
            }
            case "response.function_call_arguments.delta" -> {
                Integer i = blocks.get(String.valueOf(at));
                String delta = Js.str(e, "delta");
                if (i != null && delta != null && !delta.isEmpty()) {
                    argumentsSeen.put(i, true);
                    out.add(new StreamEvent.ArgumentsDelta(i, delta));
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                Integer i = blocks.get(String.valueOf(at));
                String delta = Js.str(e, "delta");
                if (i != null && delta != null && !delta.isEmpty()) {
                    out.add(new StreamEvent.ThinkingDelta(i, delta));
                }
            }
            case "response.reasoning_summary_part.added" -> {
                // parts of one summary are paragraphs: keep them apart as the plain answer does
                Integer i = blocks.get(String.valueOf(at));
                Integer part = Js.integer(e, "summary_index");
                if (i != null && part != null && part > 0) {
                    out.add(new StreamEvent.ThinkingDelta(i, "\n\n"));
                }
            }
            case "response.output_item.done" -> {
                Integer i = blocks.remove(String.valueOf(at));
                JsonObject item = Js.obj(e, "item");
                if (i == null) {
                    return out;
                }
                if ("function_call".equals(Js.str(item, "type"))) {
                    String arguments = Js.str(item, "arguments");
                    if (!argumentsSeen.containsKey(i) && arguments != null && !arguments.isEmpty()) {
                        out.add(new StreamEvent.ArgumentsDelta(i, arguments));
                    }
                } else if ("reasoning".equals(Js.str(item, "type"))) {
                    out.add(new StreamEvent.ThinkingOpaque(i, Js.str(item, "encrypted_content"), false,
                            Js.str(item, "id"), origin));
                }
                out.add(new StreamEvent.BlockStop(i));
            }
            case "response.completed", "response.incomplete" -> {
                JsonObject response = Js.obj(e, "response");
                out.add(new StreamEvent.Finish(ResponsesCodec.stopReason(response, calls),
                        ResponsesCodec.usage(Js.obj(response, "usage"))));
            }
            case "response.failed" -> {
                JsonObject error = Js.obj(Js.obj(e, "response"), "error");
                out.add(new StreamEvent.Failure(500, error == null ? "the response failed" : Js.str(error, "message")));
            }
            case "error" -> {
                JsonObject error = Js.obj(e, "error");
                String message = error != null ? Js.str(error, "message") : Js.str(e, "message");
                out.add(new StreamEvent.Failure(statusOf(error != null ? Js.str(error, "code") : Js.str(e, "code")),
                        message));
            }
            default -> {
                // in_progress, text done events (the deltas carried the text), hosted tool progress
            }
        }
        return out;
    }

    private int open(String key) {
        int i = next++;
        blocks.put(key, i);
        return i;
    }

    private static int statusOf(String code) {
        if (code == null) {
            return 500;
        }
        return switch (code) {
            case "rate_limit_exceeded" -> 429;
            case "invalid_request_error", "context_length_exceeded", "invalid_prompt" -> 400;
            case "server_is_overloaded", "slow_down" -> 503;
            default -> 500;
        };
    }

    @Override
    public List<StreamEvent> end() {
        return List.of(); // a Responses stream without response.completed was cut short
    }
}
