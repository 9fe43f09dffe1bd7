package dev.srooter.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;

/** OpenAI's Responses API, plain and as the event sequence a streaming call produces. */
final class FakeResponsesStream {

    private final JsonObject request;
    private final Reply reply;
    private int sequence;
    private SseWriter sse;

    FakeResponsesStream(JsonObject request, Reply reply) {
        this.request = request;
        this.reply = reply;
    }

    static JsonObject response(JsonObject request, Reply reply, String status) {
        JsonObjectBuilder response = Json.createObjectBuilder().add("id", "resp_fake")
                .add("object", "response").add("created_at", System.currentTimeMillis() / 1000)
                .add("status", status).add("model", request.getString("model", "unknown"))
                .add("output", "in_progress".equals(status) ? Json.createArrayBuilder() : output(reply))
                .add("parallel_tool_calls", true).addNull("previous_response_id");
        if ("incomplete".equals(status)) {
            response.add("incomplete_details", Json.createObjectBuilder().add("reason", "max_output_tokens"));
        }
        if (!"in_progress".equals(status)) {
            Reply.Usage usage = reply.usage();
            int input = usage.input() + usage.cacheRead();
            response.add("usage", Json.createObjectBuilder().add("input_tokens", input)
                    .add("input_tokens_details", Json.createObjectBuilder().add("cached_tokens", usage.cacheRead()))
                    .add("output_tokens", usage.output())
                    .add("output_tokens_details", Json.createObjectBuilder().add("reasoning_tokens", 0))
                    .add("total_tokens", input + usage.output()));
        } else {
            response.addNull("usage");
        }
        return response.build();
    }

    private static JsonArrayBuilder output(Reply reply) {
        JsonArrayBuilder output = Json.createArrayBuilder();
        if (reply.thinking() != null) {
            output.add(reasoningItem(reply, true));
        }
        if (!reply.text().isEmpty()) {
            output.add(messageItem(reply.text(), "completed"));
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            output.add(functionCallItem(call, call.argumentsJson(), "completed"));
        }
        return output;
    }

    /** Status of the finished response: stopped at the output limit, or complete. */
    static String finalStatus(Reply reply) {
        return reply.truncated() ? "incomplete" : "completed";
    }

    private static JsonObjectBuilder reasoningItem(Reply reply, boolean done) {
        JsonArrayBuilder summary = Json.createArrayBuilder();
        if (done) {
            summary.add(Json.createObjectBuilder().add("type", "summary_text").add("text", reply.thinking()));
        }
        JsonObjectBuilder item = Json.createObjectBuilder().add("type", "reasoning").add("id", "rs_fake")
                .add("summary", summary);
        return done ? item.add("encrypted_content", reply.opaqueState()) : item;
    }

    private static JsonObjectBuilder messageItem(String text, String status) {
        JsonArrayBuilder content = Json.createArrayBuilder();
        if (text != null) {
            content.add(textPart(text));
        }
        return Json.createObjectBuilder().add("type", "message").add("id", "msg_fake").add("status", status)
                .add("role", "assistant").add("content", content);
    }

    private static JsonObjectBuilder textPart(String text) {
        return Json.createObjectBuilder().add("type", "output_text").add("text", text)
                .add("annotations", Json.createArrayBuilder());
    }

    private static JsonObjectBuilder functionCallItem(Reply.ToolCall call, String arguments, String status) {
        return Json.createObjectBuilder().add("type", "function_call").add("id", "fc_" + call.id())
                .add("call_id", call.id()).add("name", call.name()).add("arguments", arguments)
                .add("status", status);
    }

    void write(SseWriter sse) throws IOException {
        this.sse = sse;
        emit("response.created", b -> b.add("response", response(request, reply, "in_progress")));
        emit("response.in_progress", b -> b.add("response", response(request, reply, "in_progress")));
        int index = 0;
        if (reply.thinking() != null) {
            int at = index++;
            emit("response.output_item.added", b -> b.add("output_index", at).add("item", reasoningItem(reply, false)));
            emit("response.reasoning_summary_part.added", b -> b.add("item_id", "rs_fake").add("output_index", at)
                    .add("summary_index", 0).add("part", Json.createObjectBuilder().add("type", "summary_text")
                            .add("text", "")));
            emit("response.reasoning_summary_text.delta", b -> b.add("item_id", "rs_fake").add("output_index", at)
                    .add("summary_index", 0).add("delta", reply.thinking()));
            emit("response.reasoning_summary_text.done", b -> b.add("item_id", "rs_fake").add("output_index", at)
                    .add("summary_index", 0).add("text", reply.thinking()));
            emit("response.reasoning_summary_part.done", b -> b.add("item_id", "rs_fake").add("output_index", at)
                    .add("summary_index", 0).add("part", Json.createObjectBuilder().add("type", "summary_text")
                            .add("text", reply.thinking())));
            emit("response.output_item.done", b -> b.add("output_index", at).add("item", reasoningItem(reply, true)));
        }
        if (!reply.text().isEmpty()) {
            int at = index;
            emit("response.output_item.added", b -> b.add("output_index", at)
                    .add("item", messageItem(null, "in_progress")));
            emit("response.content_part.added", b -> b.add("item_id", "msg_fake").add("output_index", at)
                    .add("content_index", 0).add("part", textPart("")));
            for (String piece : reply.textPieces()) {
                emit("response.output_text.delta", b -> b.add("item_id", "msg_fake").add("output_index", at)
                        .add("content_index", 0).add("delta", piece));
            }
            emit("response.output_text.done", b -> b.add("item_id", "msg_fake").add("output_index", at)
                    .add("content_index", 0).add("text", reply.text()));
            emit("response.content_part.done", b -> b.add("item_id", "msg_fake").add("output_index", at)
                    .add("content_index", 0).add("part", textPart(reply.text())));
            emit("response.output_item.done", b -> b.add("output_index", at)
                    .add("item", messageItem(reply.text(), "completed")));
            index++;
        }
        for (Reply.ToolCall call : reply.toolCalls()) {
            int at = index++;
            emit("response.output_item.added", b -> b.add("output_index", at)
                    .add("item", functionCallItem(call, "", "in_progress")));
            emit("response.function_call_arguments.delta", b -> b.add("item_id", "fc_" + call.id())
                    .add("output_index", at).add("delta", call.argumentsJson()));
            emit("response.function_call_arguments.done", b -> b.add("item_id", "fc_" + call.id())
                    .add("output_index", at).add("arguments", call.argumentsJson()));
            emit("response.output_item.done", b -> b.add("output_index", at)
                    .add("item", functionCallItem(call, call.argumentsJson(), "completed")));
        }
        String status = finalStatus(reply);
        emit("response." + status, b -> b.add("response", response(request, reply, status)));
    }

    private interface Body {
        void fill(JsonObjectBuilder builder);
    }

    private void emit(String type, Body body) throws IOException {
        JsonObjectBuilder event = Json.createObjectBuilder().add("type", type).add("sequence_number", sequence++);
        body.fill(event);
        sse.event(type, event.build());
    }
}
