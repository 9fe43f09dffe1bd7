package dev.srooter.server.translate;

import dev.srooter.api.WireFormat;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.WireErrors;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;

/** Writes Chat Completions chunks for a client, as the OpenAI SDK and aider read them. */
final class ChatStreamWriter implements StreamWriter {

    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final long created = System.currentTimeMillis() / 1000;
    private String id = "chatcmpl-srooter";
    private String model = "";

    ChatStreamWriter(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public String write(StreamEvent event) {
        if (event instanceof StreamEvent.Start start) {
            id = ChatCodec.completionId(start.id());
            model = String.valueOf(start.model());
            return chunk(Js.object().add("role", "assistant").add("content", ""), null);
        }
        if (event instanceof StreamEvent.BlockStart start && start.kind() == StreamEvent.Kind.TOOL_CALL) {
            int toolIndex = toolIndexes.size();
            toolIndexes.put(start.index(), toolIndex);
            return chunk(Js.object().add("tool_calls", Js.array().add(Js.object().add("index", toolIndex)
                    .add("id", start.callId()).add("type", "function")
                    .add("function", Js.object().add("name", start.name()).add("arguments", "")))), null);
        }
        if (event instanceof StreamEvent.TextDelta delta) {
            return chunk(Js.object().add("content", delta.text()), null);
        }
        if (event instanceof StreamEvent.ThinkingDelta delta) {
            return chunk(Js.object().add("reasoning_content", delta.text()), null);
        }
        if (event instanceof StreamEvent.ArgumentsDelta delta) {
            Integer toolIndex = toolIndexes.get(delta.index());
            if (toolIndex == null) {
                return "";
            }
            return chunk(Js.object().add("tool_calls", Js.array().add(Js.object().add("index", toolIndex)
                    .add("function", Js.object().add("arguments", delta.json())))), null);
        }
        if (event instanceof StreamEvent.Finish finish) {
            String out = chunk(Js.object(), finish.reason().chat());
            if (includeUsage) {
                out += data(shell().add("choices", Js.array()).add("usage", ChatCodec.usageObject(finish.usage())));
            }
            return out + "data: [DONE]\n\n";
        }
        if (event instanceof StreamEvent.Failure failure) {
            return WireErrors.streamEvent(WireFormat.OPENAI_CHAT,
                    new GatewayError(failure.status(), "upstream_error", failure.message()));
        }
        return ""; // block starts and stops of text and thinking, opaque state: Chat has no place for them
    }

    private String chunk(JsonObjectBuilder delta, String finishReason) {
        JsonObjectBuilder choice = Js.object().add("index", 0).add("delta", delta).add("logprobs", JsonValue.NULL);
        if (finishReason == null) {
            choice.add("finish_reason", JsonValue.NULL);
        } else {
            choice.add("finish_reason", finishReason);
        }
        return data(shell().add("choices", Js.array().add(choice)));
    }

    private JsonObjectBuilder shell() {
        return Js.object().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                .add("model", model);
    }

    private static String data(JsonObjectBuilder chunk) {
        return "data: " + Js.text(chunk.build()) + "\n\n";
    }
}
