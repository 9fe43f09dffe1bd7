package dev.srooter.server.translate;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Usage;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.WireErrors;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Responses event stream for a client, as Codex CLI and the OpenAI SDK read it: every
 * canonical block becomes an output item (added, filled, done), and the closing
 * {@code response.completed} repeats all finished items with the usage. Every event carries its
 * {@code sequence_number}.
 */
final class ResponsesStreamWriter implements StreamWriter {

    /** One output item being written. */
    private static final class Item {
        final int outputIndex;
        final StreamEvent.Kind kind;
        final String id;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();
        boolean summaryOpen;
        String opaque;
        boolean redacted;
        String itemId;
        String origin;

        Item(int outputIndex, StreamEvent.Kind kind, String id, String callId, String name) {
            this.outputIndex = outputIndex;
            this.kind = kind;
            this.id = id;
            this.callId = callId;
            this.name = name;
        }
    }

    private final Map<Integer, Item> open = new HashMap<>();
    private final List<JsonObject> done = new ArrayList<>();
    private int sequence;
    private int outputs;
    private String id;
    private String model;

    @Override
    public String write(StreamEvent event) {
        if (event instanceof StreamEvent.Start start) {
            id = ResponsesCodec.responseId(start.id());
            model = start.model();
            JsonObject response = ResponsesCodec.responseObject(id, model, null, Js.array(), Usage.NONE).build();
            return event("response.created", Js.object().add("response", response))
                    + event("response.in_progress", Js.object().add("response", response));
        }
        if (event instanceof StreamEvent.BlockStart start) {
            return open(start);
        }
        if (event instanceof StreamEvent.TextDelta delta) {
            Item item = open.get(delta.index());
            if (item == null) {
                return "";
            }
            item.text.append(delta.text());
            return event("response.output_text.delta", Js.object().add("item_id", item.id)
                    .add("output_index", item.outputIndex).add("content_index", 0).add("delta", delta.text())
                    .add("logprobs", Js.array()));
        }
        if (event instanceof StreamEvent.ArgumentsDelta delta) {
            Item item = open.get(delta.index());
            if (item == null) {
                return "";
            }
            item.text.append(delta.json());
            return event("response.function_call_arguments.delta", Js.object().add("item_id", item.id)
                    .add("output_index", item.outputIndex).add("delta", delta.json()));
        }
        if (event instanceof StreamEvent.ThinkingDelta delta) {
            Item item = open.get(delta.index());
            if (item == null) {
                return "";
            }
            String out = "";
            if (!item.summaryOpen) {
                item.summaryOpen = true;
                out = event("response.reasoning_summary_part.added", summaryEvent(item)
                        .add("part", Js.object().add("type", "summary_text").add("text", "")));
            }
            item.text.append(delta.text());
            return out + event("response.reasoning_summary_text.delta", summaryEvent(item).add("delta", delta.text()));
        }
        if (event instanceof StreamEvent.ThinkingOpaque opaque) {
            Item item = open.get(opaque.index());
            if (item != null) {
                item.opaque = opaque.opaque();
                item.redacted = opaque.redacted();
                item.itemId = opaque.itemId();
                item.origin = opaque.origin();
            }
            return "";
        }
        if (event instanceof StreamEvent.BlockStop stop) {
            Item item = open.remove(stop.index());
            return item == null ? "" : close(item);
        }
        if (event instanceof StreamEvent.Finish finish) {
            JsonArrayBuilder output = Js.array();
            done.forEach(output::add);
            JsonObject response = ResponsesCodec.responseObject(id, model, finish.reason(), output, finish.usage())
                    .build();
            String type = "completed".equals(Js.str(response, "status")) ? "response.completed" : "response.incomplete";
            return event(type, Js.object().add("response", response));
        }
        if (event instanceof StreamEvent.Failure failure) {
            return WireErrors.streamEvent(WireFormat.OPENAI_RESPONSES,
                    new GatewayError(failure.status(), "upstream_error", failure.message()));
        }
        return "";
    }

    private String open(StreamEvent.BlockStart start) {
        int at = outputs++;
        switch (start.kind()) {
            case TEXT -> {
                Item item = new Item(at, start.kind(), "msg_srooter_" + at, null, null);
                open.put(start.index(), item);
                return event("response.output_item.added", Js.object().add("output_index", at)
                        .add("item", Js.object().add("type", "message").add("id", item.id).add("status", "in_progress")
                                .add("role", "assistant").add("content", Js.array())))
                        + event("response.content_part.added", Js.object().add("item_id", item.id)
                        .add("output_index", at).add("content_index", 0).add("part", ResponsesCodec.outputText("")));
            }
            case TOOL_CALL -> {
                Item item = new Item(at, start.kind(), "fc_" + start.callId(), start.callId(), start.name());
                open.put(start.index(), item);
                return event("response.output_item.added", Js.object().add("output_index", at)
                        .add("item", Js.object().add("type", "function_call").add("id", item.id)
                                .add("call_id", item.callId).add("name", item.name).add("arguments", "")
                                .add("status", "in_progress")));
            }
            default -> {
                Item item = new Item(at, start.kind(), ResponsesCodec.reasoningId(null, at), null, null);
                open.put(start.index(), item);
                return event("response.output_item.added", Js.object().add("output_index", at)
                        .add("item", Js.object().add("type", "reasoning").add("id", item.id)
                                .add("summary", Js.array())));
            }
        }
    }

    private String close(Item item) {
        StringBuilder out = new StringBuilder();
        JsonObjectBuilder finished;
        switch (item.kind) {
            case TEXT -> {
                String text = item.text.toString();
                out.append(event("response.output_text.done", Js.object().add("item_id", item.id)
                        .add("output_index", item.outputIndex).add("content_index", 0).add("text", text)
                        .add("logprobs", Js.array())));
                out.append(event("response.content_part.done", Js.object().add("item_id", item.id)
                        .add("output_index", item.outputIndex).add("content_index", 0)
                        .add("part", ResponsesCodec.outputText(text))));
                finished = Js.object().add("type", "message").add("id", item.id).add("status", "completed")
                        .add("role", "assistant").add("content", Js.array().add(ResponsesCodec.outputText(text)));
            }
            case TOOL_CALL -> {
                String arguments = item.text.length() == 0 ? "{}" : item.text.toString();
                out.append(event("response.function_call_arguments.done", Js.object().add("item_id", item.id)
                        .add("output_index", item.outputIndex).add("arguments", arguments)));
                finished = Js.object().add("type", "function_call").add("id", item.id).add("call_id", item.callId)
                        .add("name", item.name).add("arguments", arguments).add("status", "completed");
            }
            default -> {
                String text = item.text.toString();
                if (item.summaryOpen) {
                    out.append(event("response.reasoning_summary_text.done", summaryEvent(item).add("text", text)));
                    out.append(event("response.reasoning_summary_part.done", summaryEvent(item)
                            .add("part", Js.object().add("type", "summary_text").add("text", text))));
                }
                String wrapped = OpaqueState.wrap(new Part.Thinking(text, item.opaque, item.redacted, item.itemId,
                        item.origin));
                finished = Js.object().add("type", "reasoning").add("id", item.id)
                        .add("summary", ResponsesCodec.summary(text)).add("encrypted_content", wrapped);
            }
        }
        JsonObject built = finished.build();
        done.add(built);
        out.append(event("response.output_item.done", Js.object().add("output_index", item.outputIndex)
                .add("item", built)));
        return out.toString();
    }

    private static JsonObjectBuilder summaryEvent(Item item) {
        return Js.object().add("item_id", item.id).add("output_index", item.outputIndex).add("summary_index", 0);
    }

    private String event(String type, JsonObjectBuilder body) {
        JsonObject data = body.add("type", type).add("sequence_number", sequence++).build();
        return "event: " + type + "\ndata: " + Js.text(data) + "\n\n";
    }
}
