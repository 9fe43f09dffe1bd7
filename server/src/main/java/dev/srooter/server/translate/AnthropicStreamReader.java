package dev.srooter.server.translate;

import dev.srooter.api.WireFormat;
import dev.srooter.server.wire.UsageReader;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads Anthropic's message stream: message_start, content blocks, message_delta, message_stop. */
final class AnthropicStreamReader implements StreamReader {

    private final String origin;
    /** Provider block index to canonical index; blocks with no client equivalent (server tools) are skipped. */
    private final Map<Integer, Integer> indexes = new HashMap<>();
    private final Map<Integer, StreamEvent.Kind> kinds = new HashMap<>();
    private final Map<Integer, Boolean> opaqueSent = new HashMap<>();
    private int next;
    /** Anthropic reports usage in pieces (message_start, then message_delta): a later count replaces an earlier one. */
    private final UsageReader usage = new UsageReader(WireFormat.ANTHROPIC_MESSAGES);
    private StopReason stopReason = StopReason.END_TURN;

    AnthropicStreamReader(String origin) {
        this.origin = origin;
    }

    @Override
    public List<StreamEvent> read(String event, String data) {
        JsonObject e = Js.parse(data.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String type = Js.str(e, "type");
        List<StreamEvent> out = new ArrayList<>(2);
        if (type == null) {
            return out;
        }
        switch (type) {
            case "message_start" -> {
                JsonObject message = Js.obj(e, "message");
                accept(Js.obj(message, "usage"));
                out.add(new StreamEvent.Start(Js.str(message, "id"), Js.str(message, "model"), usage.usage()));
            }
            case "content_block_start" -> {
                JsonObject block = Js.obj(e, "content_block");
                int at = Js.integer(e, "index");
                String blockType = String.valueOf(Js.str(block, "type"));
                switch (blockType) {
                    case "text" -> {
                        int i = open(at, StreamEvent.Kind.TEXT);
                        out.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.TEXT, null, null));
                        String text = Js.str(block, "text");
                        if (text != null && !text.isEmpty()) {
                            out.add(new StreamEvent.TextDelta(i, text));
                        }
                    }
                    case "tool_use" -> out.add(new StreamEvent.BlockStart(open(at, StreamEvent.Kind.TOOL_CALL),
                            StreamEvent.Kind.TOOL_CALL, Js.str(block, "id"), Js.str(block, "name")));
                    case "thinking" -> out.add(new StreamEvent.BlockStart(open(at, StreamEvent.Kind.THINKING),
                            StreamEvent.Kind.THINKING, null, null));
                    case "redacted_thinking" -> {
                        int i = open(at, StreamEvent.Kind.THINKING);
                        out.add(new StreamEvent.BlockStart(i, StreamEvent.Kind.THINKING, null, null));
                        out.add(new StreamEvent.ThinkingOpaque(i, Js.str(block, "data"), true, null, origin));
                        opaqueSent.put(i, true);
                    }
                    default -> {
                        // server tool blocks: nothing a client of another format could use
                    }
                }
            }
            case "content_block_delta" -> {
                Integer i = indexes.get(Js.integer(e, "index"));
                JsonObject delta = Js.obj(e, "delta");
                if (i == null || delta == null) {
                    return out;
                }
                switch (String.valueOf(Js.str(delta, "type"))) {
                    case "text_delta" -> out.add(new StreamEvent.TextDelta(i, Js.str(delta, "text")));
                    case "input_json_delta" -> out.add(new StreamEvent.ArgumentsDelta(i, Js.str(delta, "partial_json")));
                    case "thinking_delta" -> out.add(new StreamEvent.ThinkingDelta(i, Js.str(delta, "thinking")));
                    case "signature_delta" -> {
                        out.add(new StreamEvent.ThinkingOpaque(i, Js.str(delta, "signature"), false, null, origin));
                        opaqueSent.put(i, true);
                    }
                    default -> {
                    }
                }
            }
            case "content_block_stop" -> {
                Integer i = indexes.get(Js.integer(e, "index"));
                if (i != null) {
                    if (kinds.get(i) == StreamEvent.Kind.THINKING && !opaqueSent.containsKey(i)) {
                        out.add(new StreamEvent.ThinkingOpaque(i, null, false, null, origin));
                    }
                    out.add(new StreamEvent.BlockStop(i));
                }
            }
            case "message_delta" -> {
                accept(Js.obj(e, "usage"));
                String reason = Js.str(Js.obj(e, "delta"), "stop_reason");
                if (reason != null) {
                    stopReason = StopReason.fromAnthropic(reason);
                }
            }
            case "message_stop" -> out.add(new StreamEvent.Finish(stopReason, usage.usage()));
            case "error" -> {
                JsonObject error = Js.obj(e, "error");
                out.add(new StreamEvent.Failure(statusOf(Js.str(error, "type")), Js.str(error, "message")));
            }
            default -> {
                // ping, and event types added later
            }
        }
        return out;
    }

    private void accept(JsonObject reported) {
        if (reported != null) {
            usage.acceptUsage(reported);
        }
    }

    private int open(int providerIndex, StreamEvent.Kind kind) {
        int i = next++;
        indexes.put(providerIndex, i);
        kinds.put(i, kind);
        return i;
    }

    static int statusOf(String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    @Override
    public List<StreamEvent> end() {
        return List.of();
    }
}
