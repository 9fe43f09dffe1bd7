package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;
import dev.srooter.server.wire.WireErrors;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/** Writes Anthropic's message stream for a client, as the Anthropic SDK and Claude Code read it. */
final class AnthropicStreamWriter implements StreamWriter {

    private final Map<Integer, StringBuilder> thinkingText = new HashMap<>();
    private String model;

    @Override
    public String write(StreamEvent event) {
        if (event instanceof StreamEvent.Start start) {
            model = start.model();
            JsonObjectBuilder message = Js.object().add("id", AnthropicCodec.messageId(start.id()))
                    .add("type", "message").add("role", "assistant").add("model", String.valueOf(model))
                    .add("content", Js.array()).add("stop_reason", JsonValue.NULL).add("stop_sequence", JsonValue.NULL)
                    .add("usage", AnthropicCodec.usageObject(start.usage(), Math.max(1, start.usage().output())));
            return sse("message_start", Js.object().add("type", "message_start").add("message", message));
        }
        if (event instanceof StreamEvent.BlockStart start) {
            JsonObjectBuilder block = switch (start.kind()) {
                case TEXT -> Js.object().add("type", "text").add("text", "");
                case TOOL_CALL -> Js.object().add("type", "tool_use").add("id", AnthropicCodec.toolId(start.callId()))
                        .add("name", start.name()).add("input", JsonValue.EMPTY_JSON_OBJECT);
                case THINKING -> {
                    thinkingText.put(start.index(), new StringBuilder());
                    yield Js.object().add("type", "thinking").add("thinking", "").add("signature", "");
                }
            };
            return sse("content_block_start", Js.object().add("type", "content_block_start")
                    .add("index", start.index()).add("content_block", block));
        }
        if (event instanceof StreamEvent.TextDelta delta) {
            return delta(delta.index(), Js.object().add("type", "text_delta").add("text", delta.text()));
        }
        if (event instanceof StreamEvent.ArgumentsDelta delta) {
            return delta(delta.index(), Js.object().add("type", "input_json_delta").add("partial_json", delta.json()));
        }
        if (event instanceof StreamEvent.ThinkingDelta delta) {
            StringBuilder text = thinkingText.get(delta.index());
            if (text != null) {
                text.append(delta.text());
            }
            return delta(delta.index(), Js.object().add("type", "thinking_delta").add("thinking", delta.text()));
        }
        if (event instanceof StreamEvent.ThinkingOpaque opaque) {
            StringBuilder text = thinkingText.get(opaque.index());
            String signature = OpaqueState.wrap(new Part.Thinking(text == null ? "" : text.toString(),
                    opaque.opaque(), opaque.redacted(), opaque.itemId(), opaque.origin()));
            return delta(opaque.index(), Js.object().add("type", "signature_delta").add("signature", signature));
        }
        if (event instanceof StreamEvent.BlockStop stop) {
            return sse("content_block_stop", Js.object().add("type", "content_block_stop").add("index", stop.index()));
        }
        if (event instanceof StreamEvent.Finish finish) {
            Usage u = finish.usage();
            return sse("message_delta", Js.object().add("type", "message_delta")
                    .add("delta", Js.object().add("stop_reason", finish.reason().anthropic())
                            .add("stop_sequence", JsonValue.NULL))
                    .add("usage", AnthropicCodec.usageObject(u, u.output())))
                    + sse("message_stop", Js.object().add("type", "message_stop"));
        }
        if (event instanceof StreamEvent.Failure failure) {
            return WireErrors.streamEvent(dev.srooter.api.WireFormat.ANTHROPIC_MESSAGES,
                    new dev.srooter.server.wire.GatewayError(failure.status(), "upstream_error", failure.message()));
        }
        return "";
    }

    private static String delta(int index, JsonObjectBuilder delta) {
        return sse("content_block_delta", Js.object().add("type", "content_block_delta").add("index", index)
                .add("delta", delta));
    }

    static String sse(String event, JsonObjectBuilder data) {
        return "event: " + event + "\ndata: " + Js.text(data.build()) + "\n\n";
    }
}
