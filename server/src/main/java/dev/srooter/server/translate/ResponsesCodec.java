package dev.srooter.server.translate;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Usage;
import dev.srooter.server.wire.UsageReader;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Responses ({@code POST /v1/responses}), the only format Codex CLI speaks. */
public final class ResponsesCodec implements Codec {

    // ---- client request -> canonical

    @Override
    public ChatRequest readRequest(JsonObject body) {
        if (body.containsKey("previous_response_id") && body.get("previous_response_id") != JsonValue.NULL) {
            throw new Untranslatable("conversation state kept by the provider ('previous_response_id')");
        }
        List<Part> system = new ArrayList<>();
        String instructions = Js.str(body, "instructions");
        if (instructions != null && !instructions.isEmpty()) {
            system.add(new Part.Text(instructions));
        }
        List<Message> messages = new ArrayList<>();
        JsonValue input = body.get("input");
        if (input instanceof JsonString s) {
            messages.add(new Message(Message.Role.USER, List.of(new Part.Text(s.getString()))));
        } else if (input != null && input.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject item : Js.objects(input.asJsonArray())) {
                readItem(item, system, messages);
            }
        }
        List<String> dropped = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        readTools(Js.objects(Js.arr(body, "tools")), tools, dropped);
        JsonObject reasoning = Js.obj(body, "reasoning");
        String effort = Js.str(reasoning, "effort");
        String user = Js.str(body, "user");
        return new ChatRequest(Js.str(body, "model"), system, messages, tools,
                ChatCodec.toolChoice(body.get("tool_choice"), Js.bool(body, "parallel_tool_calls")),
                Js.integer(body, "max_output_tokens"), Js.decimal(body, "temperature"), Js.decimal(body, "top_p"),
                List.of(), Boolean.TRUE.equals(Js.bool(body, "stream")),
                reasoning == null || "none".equals(effort) ? null : new Reasoning(effort == null ? "medium" : effort, null),
                user != null ? user : Js.str(body, "safety_identifier"), outputSchema(body), dropped);
    }

    private static void readItem(JsonObject item, List<Part> system, List<Message> messages) {
        String type = Js.str(item, "type");
        if (type == null || type.equals("message")) {
            String role = String.valueOf(Js.str(item, "role"));
            List<Part> parts = content(item.get("content"));
            switch (role) {
                case "system", "developer" -> {
                    if (messages.isEmpty()) {
                        system.addAll(parts);
                    } else {
                        messages.add(new Message(Message.Role.SYSTEM, parts));
                    }
                }
                case "assistant" -> assistantPart(messages, parts);
                default -> messages.add(new Message(Message.Role.USER, parts));
            }
            return;
        }
        switch (type) {
            case "function_call" -> assistantPart(messages, List.of(new Part.ToolCall(Js.str(item, "call_id"),
                    Js.str(item, "name"), Js.str(item, "arguments"))));
            case "function_call_output" -> {
                JsonValue output = item.get("output");
                messages.add(new Message(Message.Role.USER, List.of(new Part.ToolResult(Js.str(item, "call_id"),
                        content(output), false))));
            }
            case "reasoning" -> {
                StringBuilder summary = new StringBuilder();
                for (JsonObject s : Js.objects(Js.arr(item, "summary"))) {
                    if (summary.length() > 0) {
                        summary.append("\n\n");
                    }
                    summary.append(Js.str(s, "text"));
                }
                assistantPart(messages, List.of(OpaqueState.unwrap(Js.str(item, "encrypted_content"),
                        summary.toString(), false, Js.str(item, "id"))));
            }
            default -> throw new Untranslatable("input items of type '" + type + "'");
        }
    }

    /** Function calls and reasoning are items of their own here, parts of one assistant turn elsewhere. */
    private static void assistantPart(List<Message> messages, List<Part> parts) {
        Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && last.role() == Message.Role.ASSISTANT) {
            List<Part> merged = new ArrayList<>(last.parts());
            merged.addAll(parts);
            messages.set(messages.size() - 1, new Message(Message.Role.ASSISTANT, merged));
        } else {
            messages.add(new Message(Message.Role.ASSISTANT, new ArrayList<>(parts)));
        }
    }

    private static List<Part> content(JsonValue content) {
        List<Part> parts = new ArrayList<>();
        if (content instanceof JsonString s) {
            parts.add(new Part.Text(s.getString()));
        } else if (content != null && content.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject p : Js.objects(content.asJsonArray())) {
                String type = String.valueOf(Js.str(p, "type"));
                switch (type) {
                    case "input_text", "output_text", "text" -> parts.add(new Part.Text(Js.str(p, "text")));
                    case "refusal" -> parts.add(new Part.Text(Js.str(p, "refusal")));
                    case "input_image" -> {
                        String url = Js.str(p, "image_url");
                        if (url == null) {
                            throw new Untranslatable("images given by file id");
                        }
                        parts.add(Part.Image.fromUrl(url));
                    }
                    default -> throw new Untranslatable("content parts of type '" + type + "'");
                }
            }
        }
        return parts;
    }

    /** Functions are carried; a namespace's functions are carried by their own names; hosted tools are dropped. */
    private static void readTools(List<JsonObject> defs, List<Tool> tools, List<String> dropped) {
        for (JsonObject t : defs) {
            String type = String.valueOf(Js.str(t, "type"));
            if (type.equals("function")) {
                tools.add(new Tool(Js.str(t, "name"), Js.str(t, "description"), Js.obj(t, "parameters")));
            } else if (type.equals("namespace")) {
                readTools(Js.objects(Js.arr(t, "tools")), tools, dropped);
            } else {
                dropped.add("tool of type " + type);
            }
        }
    }

    private static JsonObject outputSchema(JsonObject body) {
        JsonObject format = Js.obj(Js.obj(body, "text"), "format");
        if (!"json_schema".equals(Js.str(format, "type"))) {
            return null;
        }
        return Js.object().add("name", String.valueOf(Js.str(format, "name")))
                .add("schema", format.getOrDefault("schema", JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    // ---- canonical -> provider request

    @Override
    public JsonObject writeRequest(ChatRequest request, Crossing crossing) {
        JsonObjectBuilder body = Js.object().add("model", crossing.model());
        String instructions = ChatCodec.joinText(request.system());
        if (!instructions.isEmpty()) {
            body.add("instructions", instructions);
        }
        JsonArrayBuilder input = Js.array();
        for (Message m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> input.add(message("developer", m.parts()));
                case USER -> user(input, m.parts());
                case ASSISTANT -> assistant(input, m.parts());
            }
        }
        body.add("input", input);
        if (!request.tools().isEmpty()) {
            JsonArrayBuilder tools = Js.array();
            for (Tool tool : request.tools()) {
                JsonObjectBuilder t = Js.object().add("type", "function").add("name", tool.name());
                Js.put(t, "description", tool.description());
                t.add("parameters", tool.parameters() != null ? tool.parameters()
                        : Js.object().add("type", "object").build()).add("strict", false);
                tools.add(t);
            }
            body.add("tools", tools);
            ToolChoice choice = request.toolChoice();
            if (choice != null) {
                switch (choice.mode()) {
                    case AUTO -> body.add("tool_choice", "auto");
                    case NONE -> body.add("tool_choice", "none");
                    case ANY -> body.add("tool_choice", "required");
                    case TOOL -> body.add("tool_choice", Js.object().add("type", "function").add("name", choice.name()));
                }
                if (choice.parallel() != null) {
                    body.add("parallel_tool_calls", choice.parallel());
                }
            }
        }
        Js.put(body, "max_output_tokens", request.maxTokens());
        if (request.reasoning() != null) {
            body.add("reasoning", Js.object().add("effort", request.reasoning().openAiEffort()).add("summary", "auto"));
            // srooter keeps no conversation state: reasoning travels with the request, encrypted
            body.add("include", Js.array().add("reasoning.encrypted_content"));
        }
        Js.put(body, "temperature", request.temperature());
        Js.put(body, "top_p", request.topP());
        Js.put(body, "user", request.user());
        if (request.outputSchema() != null) {
            body.add("text", Js.object().add("format", Js.object().add("type", "json_schema")
                    .add("name", Js.str(request.outputSchema(), "name"))
                    .add("schema", request.outputSchema().get("schema"))));
        }
        body.add("store", false);
        if (request.stream()) {
            body.add("stream", true);
        }
        return body.build();
    }

    private static JsonObjectBuilder message(String role, List<Part> parts) {
        JsonArrayBuilder content = Js.array();
        String textType = role.equals("assistant") ? "output_text" : "input_text";
        for (Part part : parts) {
            if (part instanceof Part.Text text && text.text() != null && !text.text().isEmpty()) {
                content.add(Js.object().add("type", textType).add("text", text.text()));
            } else if (part instanceof Part.Image image) {
                content.add(Js.object().add("type", "input_image").add("image_url", image.asUrl()));
            }
        }
        return Js.object().add("type", "message").add("role", role).add("content", content);
    }

    private static void user(JsonArrayBuilder input, List<Part> parts) {
        List<Part> rest = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Part.ToolResult result) {
                JsonObjectBuilder item = Js.object().add("type", "function_call_output").add("call_id", result.callId());
                boolean images = result.content().stream().anyMatch(p -> p instanceof Part.Image);
                String text = ChatCodec.joinText(result.content());
                if (result.isError()) {
                    text = text.isEmpty() ? "Error" : "Error: " + text;
                }
                if (images) {
                    JsonArrayBuilder output = Js.array();
                    if (!text.isEmpty()) {
                        output.add(Js.object().add("type", "input_text").add("text", text));
                    }
                    for (Part p : result.content()) {
                        if (p instanceof Part.Image image) {
                            output.add(Js.object().add("type", "input_image").add("image_url", image.asUrl()));
                        }
                    }
                    item.add("output", output);
                } else {
                    item.add("output", text);
                }
                input.add(item);
            } else {
                rest.add(part);
            }
        }
        if (!rest.isEmpty()) {
            input.add(message("user", rest));
        }
    }

    private static void assistant(JsonArrayBuilder input, List<Part> parts) {
        List<Part> text = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Part.Text) {
                text.add(part);
                continue;
            }
            if (!text.isEmpty()) {
                input.add(message("assistant", text));
                text = new ArrayList<>();
            }
            if (part instanceof Part.ToolCall call) {
                input.add(Js.object().add("type", "function_call").add("call_id", call.id()).add("name", call.name())
                        .add("arguments", call.arguments() == null ? "{}" : call.arguments()));
            } else if (part instanceof Part.Thinking thinking && thinking.opaque() != null) {
                JsonObjectBuilder item = Js.object().add("type", "reasoning");
                Js.put(item, "id", thinking.itemId());
                item.add("summary", summary(thinking.text())).add("encrypted_content", thinking.opaque());
                input.add(item);
            }
        }
        if (!text.isEmpty()) {
            input.add(message("assistant", text));
        }
    }

    static JsonArrayBuilder summary(String text) {
        JsonArrayBuilder summary = Js.array();
        if (text != null && !text.isEmpty()) {
            summary.add(Js.object().add("type", "summary_text").add("text", text));
        }
        return summary;
    }

    // ---- provider answer -> canonical

    @Override
    public ChatResponse readResponse(JsonObject body, String origin) {
        List<Part> content = new ArrayList<>();
        boolean calls = false;
        for (JsonObject item : Js.objects(Js.arr(body, "output"))) {
            switch (String.valueOf(Js.str(item, "type"))) {
                case "message" -> {
                    for (JsonObject p : Js.objects(Js.arr(item, "content"))) {
                        String text = "refusal".equals(Js.str(p, "type")) ? Js.str(p, "refusal") : Js.str(p, "text");
                        if (text != null) {
                            content.add(new Part.Text(text));
                        }
                    }
                }
                case "function_call" -> {
                    content.add(new Part.ToolCall(Js.str(item, "call_id"), Js.str(item, "name"),
                            Js.str(item, "arguments")));
                    calls = true;
                }
                case "reasoning" -> {
                    StringBuilder text = new StringBuilder();
                    for (JsonObject s : Js.objects(Js.arr(item, "summary"))) {
                        text.append(text.length() > 0 ? "\n\n" : "").append(Js.str(s, "text"));
                    }
                    content.add(new Part.Thinking(text.toString(), Js.str(item, "encrypted_content"), false,
                            Js.str(item, "id"), origin));
                }
                default -> {
                    // hosted tool calls (web search) have no client-side equivalent
                }
            }
        }
        return new ChatResponse(Js.str(body, "id"), Js.str(body, "model"), content, stopReason(body, calls),
                usage(Js.obj(body, "usage")));
    }

    static StopReason stopReason(JsonObject response, boolean calls) {
        if ("incomplete".equals(Js.str(response, "status"))) {
            String reason = Js.str(Js.obj(response, "incomplete_details"), "reason");
            return "content_filter".equals(reason) ? StopReason.REFUSAL : StopReason.MAX_TOKENS;
        }
        return calls ? StopReason.TOOL_USE : StopReason.END_TURN;
    }

    /** The usage object's counts, read as for a passed-through answer ({@link UsageReader}). */
    static Usage usage(JsonObject u) {
        if (u == null) {
            return Usage.NONE;
        }
        UsageReader reader = new UsageReader(WireFormat.OPENAI_RESPONSES);
        reader.acceptUsage(u);
        return reader.usage();
    }

    // ---- canonical -> client answer

    @Override
    public JsonObject writeResponse(ChatResponse response) {
        JsonArrayBuilder output = Js.array();
        int n = 0;
        for (Part part : response.content()) {
            JsonObjectBuilder item = item(part, n++, "completed");
            if (item != null) {
                output.add(item);
            }
        }
        return responseObject(response.id(), response.model(), response.stopReason(), output, response.usage())
                .build();
    }

    /** One output item for a finished part; ids are made up where the provider's format has none. */
    static JsonObjectBuilder item(Part part, int n, String status) {
        if (part instanceof Part.Text text) {
            return Js.object().add("type", "message").add("id", "msg_srooter_" + n).add("status", status)
                    .add("role", "assistant").add("content", Js.array().add(outputText(text.text())));
        }
        if (part instanceof Part.ToolCall call) {
            return Js.object().add("type", "function_call").add("id", "fc_" + call.id()).add("call_id", call.id())
                    .add("name", call.name()).add("arguments", call.arguments() == null ? "{}" : call.arguments())
                    .add("status", status);
        }
        if (part instanceof Part.Thinking thinking) {
            return Js.object().add("type", "reasoning").add("id", reasoningId(thinking.itemId(), n))
                    .add("summary", summary(thinking.text())).add("encrypted_content", OpaqueState.wrap(thinking));
        }
        return null;
    }

    static String reasoningId(String itemId, int n) {
        return itemId != null ? itemId : "rs_srooter_" + n;
    }

    static JsonObjectBuilder outputText(String text) {
        return Js.object().add("type", "output_text").add("text", text).add("annotations", Js.array());
    }

    static JsonObjectBuilder responseObject(String id, String model, StopReason reason, JsonArrayBuilder output,
                                            Usage usage) {
        JsonObjectBuilder r = Js.object().add("id", responseId(id)).add("object", "response")
                .add("created_at", System.currentTimeMillis() / 1000).add("model", String.valueOf(model))
                .add("output", output).add("parallel_tool_calls", true).add("tool_choice", "auto")
                .add("tools", Js.array()).add("error", JsonValue.NULL);
        if (reason == null) {
            r.add("status", "in_progress").add("incomplete_details", JsonValue.NULL).add("usage", JsonValue.NULL);
            return r;
        }
        if (reason == StopReason.MAX_TOKENS || reason == StopReason.REFUSAL) {
            r.add("status", "incomplete").add("incomplete_details", Js.object().add("reason",
                    reason == StopReason.REFUSAL ? "content_filter" : "max_output_tokens"));
        } else {
            r.add("status", "completed").add("incomplete_details", JsonValue.NULL);
        }
        long input = usage.input() + usage.cacheRead() + usage.cacheWrite();
        return r.add("usage", Js.object().add("input_tokens", input)
                .add("input_tokens_details", Js.object().add("cached_tokens", usage.cacheRead()))
                .add("output_tokens", usage.output())
                .add("output_tokens_details", Js.object().add("reasoning_tokens", 0))
                .add("total_tokens", input + usage.output()));
    }

    static String responseId(String id) {
        return id != null && id.startsWith("resp_") ? id : "resp_" + (id == null ? "srooter" : id);
    }

    @Override
    public StreamReader streamReader(String origin) {
        return new ResponsesStreamReader(origin);
    }

    @Override
    public StreamWriter streamWriter(JsonObject clientBody) {
        return new ResponsesStreamWriter();
    }

    @Override
    public String errorMessage(JsonObject body) {
        String message = Js.str(Js.obj(body, "error"), "message");
        return message != null ? message : Js.str(body, "message");
    }
}
