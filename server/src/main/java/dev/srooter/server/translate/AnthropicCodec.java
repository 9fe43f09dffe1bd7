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

/** Anthropic Messages ({@code POST /v1/messages}). */
public final class AnthropicCodec implements Codec {

    /** Anthropic requires an output limit; this one applies when a client of another format set none. */
    static final int DEFAULT_MAX_TOKENS = 8192;
    private static final int MIN_THINKING_BUDGET = 1024;

    // ---- client request -> canonical

    @Override
    public ChatRequest readRequest(JsonObject body) {
        List<Part> system = new ArrayList<>();
        JsonValue sys = body.get("system");
        if (sys instanceof JsonString s) {
            system.add(new Part.Text(s.getString()));
        } else if (sys != null && sys.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject block : Js.objects(sys.asJsonArray())) {
                system.add(new Part.Text(Js.str(block, "text"), Js.obj(block, "cache_control")));
            }
        }
        List<Message> messages = new ArrayList<>();
        for (JsonObject m : Js.objects(Js.arr(body, "messages"))) {
            Message.Role role = switch (String.valueOf(Js.str(m, "role"))) {
                case "assistant" -> Message.Role.ASSISTANT;
                case "system" -> Message.Role.SYSTEM;
                default -> Message.Role.USER;
            };
            messages.add(new Message(role, readContent(m.get("content"))));
        }
        List<String> dropped = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        for (JsonObject t : Js.objects(Js.arr(body, "tools"))) {
            JsonObject schema = Js.obj(t, "input_schema");
            if (schema == null) {
                dropped.add("tool " + Js.str(t, "name") + " (" + Js.str(t, "type") + ")"); // hosted tools
            } else {
                tools.add(new Tool(Js.str(t, "name"), Js.str(t, "description"), schema));
            }
        }
        JsonObject metadata = Js.obj(body, "metadata");
        JsonObject outputConfig = Js.obj(body, "output_config");
        return new ChatRequest(Js.str(body, "model"), system, messages, tools, toolChoice(Js.obj(body, "tool_choice")),
                Js.integer(body, "max_tokens"), Js.decimal(body, "temperature"), Js.decimal(body, "top_p"),
                strings(body, "stop_sequences"), Boolean.TRUE.equals(Js.bool(body, "stream")),
                reasoning(Js.obj(body, "thinking"), outputConfig), Js.str(metadata, "user_id"),
                outputSchema(outputConfig), dropped);
    }

    private static List<Part> readContent(JsonValue content) {
        List<Part> parts = new ArrayList<>();
        if (content instanceof JsonString s) {
            parts.add(new Part.Text(s.getString()));
            return parts;
        }
        if (content == null || content.getValueType() != JsonValue.ValueType.ARRAY) {
            return parts;
        }
        for (JsonObject block : Js.objects(content.asJsonArray())) {
            String type = String.valueOf(Js.str(block, "type"));
            switch (type) {
                case "text" -> parts.add(new Part.Text(Js.str(block, "text"), Js.obj(block, "cache_control")));
                case "image" -> parts.add(image(block));
                case "tool_use" -> parts.add(new Part.ToolCall(Js.str(block, "id"), Js.str(block, "name"),
                        Js.text(block.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT))));
                case "tool_result" -> parts.add(new Part.ToolResult(Js.str(block, "tool_use_id"),
                        readContent(block.get("content")), Boolean.TRUE.equals(Js.bool(block, "is_error"))));
                case "thinking" -> parts.add(OpaqueState.unwrap(Js.str(block, "signature"),
                        Js.str(block, "thinking"), false, null));
                case "redacted_thinking" -> parts.add(OpaqueState.unwrap(Js.str(block, "data"), null, true, null));
                default -> throw new Untranslatable("content blocks of type '" + type + "'");
            }
        }
        return parts;
    }

    private static Part.Image image(JsonObject block) {
        JsonObject source = Js.obj(block, "source");
        if ("url".equals(Js.str(source, "type"))) {
            return new Part.Image(null, null, Js.str(source, "url"));
        }
        if (!"base64".equals(Js.str(source, "type"))) {
            throw new Untranslatable("images given as '" + Js.str(source, "type") + "'");
        }
        return new Part.Image(Js.str(source, "media_type"), Js.str(source, "data"), null);
    }

    private static ToolChoice toolChoice(JsonObject choice) {
        if (choice == null) {
            return null;
        }
        ToolChoice.Mode mode = switch (String.valueOf(Js.str(choice, "type"))) {
            case "any" -> ToolChoice.Mode.ANY;
            case "none" -> ToolChoice.Mode.NONE;
            case "tool" -> ToolChoice.Mode.TOOL;
            default -> ToolChoice.Mode.AUTO;
        };
        Boolean noParallel = Js.bool(choice, "disable_parallel_tool_use");
        return new ToolChoice(mode, Js.str(choice, "name"), noParallel == null ? null : !noParallel);
    }

    private static Reasoning reasoning(JsonObject thinking, JsonObject outputConfig) {
        String type = Js.str(thinking, "type");
        if ("enabled".equals(type)) {
            return new Reasoning(Js.str(outputConfig, "effort"), Js.integer(thinking, "budget_tokens"));
        }
        if ("adaptive".equals(type)) {
            String effort = Js.str(outputConfig, "effort");
            return new Reasoning(effort == null ? "medium" : effort, null);
        }
        return null;
    }

    private static JsonObject outputSchema(JsonObject outputConfig) {
        JsonObject format = Js.obj(outputConfig, "format");
        if (format == null || !"json_schema".equals(Js.str(format, "type"))) {
            return null;
        }
        return Js.object().add("name", "output").add("schema", format.getOrDefault("schema",
                JsonValue.EMPTY_JSON_OBJECT)).build();
    }

    static List<String> strings(JsonObject body, String name) {
        JsonValue v = body.get(name);
        if (v instanceof JsonString s) {
            return List.of(s.getString());
        }
        List<String> out = new ArrayList<>();
        if (v != null && v.getValueType() == JsonValue.ValueType.ARRAY) {
            v.asJsonArray().forEach(x -> {
                if (x instanceof JsonString s) {
                    out.add(s.getString());
                }
            });
        }
        return out;
    }

    // ---- canonical -> provider request

    @Override
    public JsonObject writeRequest(ChatRequest request, Crossing crossing) {
        JsonObjectBuilder body = Js.object().add("model", crossing.model());
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : DEFAULT_MAX_TOKENS;
        body.add("max_tokens", maxTokens);

        JsonArrayBuilder system = Js.array();
        boolean anySystem = false;
        for (Part part : request.system()) {
            anySystem |= addText(system, part);
        }
        List<Message> conversation = new ArrayList<>();
        for (Message m : request.messages()) {
            if (m.role() == Message.Role.SYSTEM) {
                for (Part part : m.parts()) {
                    anySystem |= addText(system, part); // Anthropic keeps instructions in `system`
                }
            } else {
                conversation.add(m);
            }
        }
        if (anySystem) {
            body.add("system", system);
        }
        body.add("messages", messages(conversation));

        if (!request.tools().isEmpty()) {
            JsonArrayBuilder tools = Js.array();
            for (Tool tool : request.tools()) {
                JsonObjectBuilder t = Js.object().add("name", tool.name());
                Js.put(t, "description", tool.description());
                t.add("input_schema", tool.parameters() != null ? tool.parameters()
                        : Js.object().add("type", "object").build());
                tools.add(t);
            }
            body.add("tools", tools);
        }
        ToolChoice choice = request.toolChoice();
        if (choice != null && (!request.tools().isEmpty() || choice.mode() == ToolChoice.Mode.NONE)) {
            JsonObjectBuilder c = Js.object().add("type", switch (choice.mode()) {
                case ANY -> "any";
                case NONE -> "none";
                case TOOL -> "tool";
                case AUTO -> "auto";
            });
            Js.put(c, "name", choice.mode() == ToolChoice.Mode.TOOL ? choice.name() : null);
            if (Boolean.FALSE.equals(choice.parallel()) && choice.mode() != ToolChoice.Mode.NONE) {
                c.add("disable_parallel_tool_use", true);
            }
            body.add("tool_choice", c);
        }
        boolean thinking = false;
        if (request.reasoning() != null) {
            int budget = Math.min(request.reasoning().budget(), maxTokens - 1);
            if (budget >= MIN_THINKING_BUDGET) { // below Anthropic's minimum, the model answers without thinking
                body.add("thinking", Js.object().add("type", "enabled").add("budget_tokens", budget));
                thinking = true;
            }
        }
        if (!thinking) { // Anthropic refuses sampling settings alongside thinking
            Js.put(body, "temperature", request.temperature());
            Js.put(body, "top_p", request.topP());
        }
        if (!request.stop().isEmpty()) {
            JsonArrayBuilder stop = Js.array();
            request.stop().forEach(stop::add);
            body.add("stop_sequences", stop);
        }
        if (request.user() != null) {
            body.add("metadata", Js.object().add("user_id", request.user()));
        }
        if (request.outputSchema() != null) {
            body.add("output_config", Js.object().add("format", Js.object().add("type", "json_schema")
                    .add("schema", request.outputSchema().getOrDefault("schema", JsonValue.EMPTY_JSON_OBJECT))));
        }
        if (request.stream()) {
            body.add("stream", true);
        }
        return body.build();
    }

    private static boolean addText(JsonArrayBuilder blocks, Part part) {
        if (part instanceof Part.Text text && text.text() != null && !text.text().isEmpty()) {
            JsonObjectBuilder b = Js.object().add("type", "text").add("text", text.text());
            Js.put(b, "cache_control", text.cacheControl());
            blocks.add(b);
            return true;
        }
        return false;
    }

    /** Consecutive turns of one role become one message: Anthropic wants every tool result of a turn together. */
    private static JsonArrayBuilder messages(List<Message> conversation) {
        JsonArrayBuilder out = Js.array();
        Message.Role role = null;
        JsonArrayBuilder content = null;
        boolean any = false;
        for (Message m : conversation) {
            if (m.role() != role) {
                if (any) {
                    out.add(Js.object().add("role", role == Message.Role.ASSISTANT ? "assistant" : "user")
                            .add("content", content));
                }
                role = m.role();
                content = Js.array();
                any = false;
            }
            for (Part part : m.parts()) {
                any |= addBlock(content, part);
            }
        }
        if (any) {
            out.add(Js.object().add("role", role == Message.Role.ASSISTANT ? "assistant" : "user")
                    .add("content", content));
        }
        return out;
    }

    private static boolean addBlock(JsonArrayBuilder content, Part part) {
        if (part instanceof Part.Text text) {
            return addText(content, text);
        }
        if (part instanceof Part.Image image) {
            content.add(imageBlock(image));
        } else if (part instanceof Part.ToolCall call) {
            content.add(Js.object().add("type", "tool_use").add("id", toolId(call.id())).add("name", call.name())
                    .add("input", Js.argumentsObject(call.arguments())));
        } else if (part instanceof Part.ToolResult result) {
            JsonArrayBuilder inner = Js.array();
            boolean any = false;
            for (Part p : result.content()) {
                if (p instanceof Part.Image image) {
                    inner.add(imageBlock(image));
                    any = true;
                } else {
                    any |= addText(inner, p);
                }
            }
            JsonObjectBuilder b = Js.object().add("type", "tool_result").add("tool_use_id", toolId(result.callId()));
            if (any) {
                b.add("content", inner);
            }
            if (result.isError()) {
                b.add("is_error", true);
            }
            content.add(b);
        } else if (part instanceof Part.Thinking thinking) {
            if (thinking.redacted()) {
                content.add(Js.object().add("type", "redacted_thinking").add("data", thinking.opaque()));
            } else {
                content.add(Js.object().add("type", "thinking").add("thinking",
                        thinking.text() == null ? "" : thinking.text()).add("signature", thinking.opaque()));
            }
        }
        return true;
    }

    private static JsonObjectBuilder imageBlock(Part.Image image) {
        JsonObjectBuilder source = image.data() != null
                ? Js.object().add("type", "base64").add("media_type", image.mediaType()).add("data", image.data())
                : Js.object().add("type", "url").add("url", image.url());
        return Js.object().add("type", "image").add("source", source);
    }

    /** Anthropic tool ids allow letters, digits, '_' and '-'; the same id maps the same way every turn. */
    static String toolId(String id) {
        if (id == null) {
            return "toolu_srooter";
        }
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
        }
        return out.toString();
    }

    // ---- provider answer -> canonical

    @Override
    public ChatResponse readResponse(JsonObject body, String origin) {
        List<Part> content = new ArrayList<>();
        for (JsonObject block : Js.objects(Js.arr(body, "content"))) {
            switch (String.valueOf(Js.str(block, "type"))) {
                case "text" -> content.add(new Part.Text(Js.str(block, "text")));
                case "tool_use" -> content.add(new Part.ToolCall(Js.str(block, "id"), Js.str(block, "name"),
                        Js.text(block.getOrDefault("input", JsonValue.EMPTY_JSON_OBJECT))));
                case "thinking" -> content.add(new Part.Thinking(Js.str(block, "thinking"),
                        Js.str(block, "signature"), false, null, origin));
                case "redacted_thinking" -> content.add(new Part.Thinking(null, Js.str(block, "data"), true, null,
                        origin));
                default -> {
                    // server tool blocks (web search results) have no client-side equivalent
                }
            }
        }
        return new ChatResponse(Js.str(body, "id"), Js.str(body, "model"), content,
                StopReason.fromAnthropic(Js.str(body, "stop_reason")), usage(Js.obj(body, "usage")));
    }

    /** Anthropic usage; fields a report leaves out keep their earlier value. */
    /** The usage object's counts, read as for a passed-through answer ({@link UsageReader}). */
    static Usage usage(JsonObject u) {
        UsageReader reader = new UsageReader(WireFormat.ANTHROPIC_MESSAGES);
        if (u != null) {
            reader.acceptUsage(u);
        }
        return reader.usage();
    }

    // ---- canonical -> client answer

    @Override
    public JsonObject writeResponse(ChatResponse response) {
        JsonArrayBuilder content = Js.array();
        for (Part part : response.content()) {
            if (part instanceof Part.Text text) {
                content.add(Js.object().add("type", "text").add("text", text.text()));
            } else if (part instanceof Part.ToolCall call) {
                content.add(Js.object().add("type", "tool_use").add("id", toolId(call.id())).add("name", call.name())
                        .add("input", Js.argumentsObject(call.arguments())));
            } else if (part instanceof Part.Thinking thinking) {
                content.add(Js.object().add("type", "thinking")
                        .add("thinking", thinking.text() == null ? "" : thinking.text())
                        .add("signature", OpaqueState.wrap(thinking)));
            }
        }
        return Js.object().add("id", messageId(response.id())).add("type", "message").add("role", "assistant")
                .add("model", response.model()).add("content", content)
                .add("stop_reason", response.stopReason().anthropic()).add("stop_sequence", JsonValue.NULL)
                .add("usage", usageObject(response.usage(), response.usage().output())).build();
    }

    static String messageId(String id) {
        return id != null && id.startsWith("msg_") ? id : "msg_" + (id == null ? "srooter" : id);
    }

    static JsonObjectBuilder usageObject(Usage usage, long output) {
        return Js.object().add("input_tokens", usage.input())
                .add("cache_creation_input_tokens", usage.cacheWrite())
                .add("cache_read_input_tokens", usage.cacheRead()).add("output_tokens", output);
    }

    @Override
    public StreamReader streamReader(String origin) {
        return new AnthropicStreamReader(origin);
    }

    @Override
    public StreamWriter streamWriter(JsonObject clientBody) {
        return new AnthropicStreamWriter();
    }

    @Override
    public String errorMessage(JsonObject body) {
        return Js.str(Js.obj(body, "error"), "message");
    }
}
