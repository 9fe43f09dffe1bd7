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

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}), as OpenAI-compatible servers speak it too. */
public final class ChatCodec implements Codec {

    // ---- client request -> canonical

    @Override
    public ChatRequest readRequest(JsonObject body) {
        List<Part> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        for (JsonObject m : Js.objects(Js.arr(body, "messages"))) {
            String role = String.valueOf(Js.str(m, "role"));
            switch (role) {
                case "system", "developer" -> {
                    List<Part> parts = content(m.get("content"));
                    if (messages.isEmpty()) {
                        system.addAll(parts);
                    } else {
                        messages.add(new Message(Message.Role.SYSTEM, parts));
                    }
                }
                case "assistant" -> {
                    List<Part> parts = content(m.get("content"));
                    for (JsonObject call : Js.objects(Js.arr(m, "tool_calls"))) {
                        JsonObject function = Js.obj(call, "function");
                        parts.add(new Part.ToolCall(Js.str(call, "id"), Js.str(function, "name"),
                                Js.str(function, "arguments")));
                    }
                    if (m.containsKey("function_call")) {
                        throw new Untranslatable("the deprecated 'function_call' message field");
                    }
                    messages.add(new Message(Message.Role.ASSISTANT, parts));
                }
                case "tool" -> messages.add(new Message(Message.Role.USER, List.of(new Part.ToolResult(
                        Js.str(m, "tool_call_id"), content(m.get("content")), false))));
                case "user" -> messages.add(new Message(Message.Role.USER, content(m.get("content"))));
                default -> throw new Untranslatable("messages with role '" + role + "'");
            }
        }
        List<String> dropped = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        for (JsonObject t : Js.objects(Js.arr(body, "tools"))) {
            JsonObject function = Js.obj(t, "function");
            if ("function".equals(Js.str(t, "type")) && function != null) {
                tools.add(new Tool(Js.str(function, "name"), Js.str(function, "description"),
                        Js.obj(function, "parameters")));
            } else {
                dropped.add("tool of type " + Js.str(t, "type"));
            }
        }
        Integer maxTokens = Js.integer(body, "max_completion_tokens");
        String effort = Js.str(body, "reasoning_effort");
        return new ChatRequest(Js.str(body, "model"), system, messages, tools,
                toolChoice(body.get("tool_choice"), Js.bool(body, "parallel_tool_calls")),
                maxTokens != null ? maxTokens : Js.integer(body, "max_tokens"), Js.decimal(body, "temperature"),
                Js.decimal(body, "top_p"), AnthropicCodec.strings(body, "stop"),
                Boolean.TRUE.equals(Js.bool(body, "stream")), effort == null || "none".equals(effort) ? null
                        : new Reasoning(effort, null), Js.str(body, "user"), outputSchema(body, dropped), dropped);
    }

    private static List<Part> content(JsonValue content) {
        List<Part> parts = new ArrayList<>();
        if (content instanceof JsonString s) {
            parts.add(new Part.Text(s.getString()));
        } else if (content != null && content.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonObject p : Js.objects(content.asJsonArray())) {
                String type = String.valueOf(Js.str(p, "type"));
                switch (type) {
                    case "text" -> parts.add(new Part.Text(Js.str(p, "text")));
                    case "refusal" -> parts.add(new Part.Text(Js.str(p, "refusal")));
                    case "image_url" -> parts.add(Part.Image.fromUrl(Js.str(Js.obj(p, "image_url"), "url")));
                    default -> throw new Untranslatable("content parts of type '" + type + "'");
                }
            }
        }
        return parts;
    }

    static ToolChoice toolChoice(JsonValue choice, Boolean parallel) {
        if (choice instanceof JsonString s) {
            return new ToolChoice(switch (s.getString()) {
                case "none" -> ToolChoice.Mode.NONE;
                case "required" -> ToolChoice.Mode.ANY;
                default -> ToolChoice.Mode.AUTO;
            }, null, parallel);
        }
        if (choice != null && choice.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject o = choice.asJsonObject();
            String name = Js.str(Js.obj(o, "function"), "name");
            return new ToolChoice(ToolChoice.Mode.TOOL, name != null ? name : Js.str(o, "name"), parallel);
        }
        return parallel == null ? null : new ToolChoice(ToolChoice.Mode.AUTO, null, parallel);
    }

    private static JsonObject outputSchema(JsonObject body, List<String> dropped) {
        JsonObject format = Js.obj(body, "response_format");
        String type = Js.str(format, "type");
        if ("json_schema".equals(type)) {
            JsonObject schema = Js.obj(format, "json_schema");
            return Js.object().add("name", String.valueOf(Js.str(schema, "name")))
                    .add("schema", schema == null ? JsonValue.EMPTY_JSON_OBJECT
                            : schema.getOrDefault("schema", JsonValue.EMPTY_JSON_OBJECT)).build();
        }
        if ("json_object".equals(type)) {
            dropped.add("response_format json_object");
        }
        return null;
    }

    // ---- canonical -> provider request

    @Override
    public JsonObject writeRequest(ChatRequest request, Crossing crossing) {
        JsonObjectBuilder body = Js.object().add("model", crossing.model());
        JsonArrayBuilder messages = Js.array();
        String system = joinText(request.system());
        if (!system.isEmpty()) {
            messages.add(Js.object().add("role", "system").add("content", system));
        }
        for (Message m : request.messages()) {
            switch (m.role()) {
                case SYSTEM -> messages.add(Js.object().add("role", "system").add("content", joinText(m.parts())));
                case ASSISTANT -> assistant(messages, m.parts());
                case USER -> user(messages, m.parts());
            }
        }
        body.add("messages", messages);
        if (!request.tools().isEmpty()) {
            JsonArrayBuilder tools = Js.array();
            for (Tool tool : request.tools()) {
                JsonObjectBuilder f = Js.object().add("name", tool.name());
                Js.put(f, "description", tool.description());
                f.add("parameters", tool.parameters() != null ? tool.parameters()
                        : Js.object().add("type", "object").build());
                tools.add(Js.object().add("type", "function").add("function", f));
            }
            body.add("tools", tools);
            ToolChoice choice = request.toolChoice();
            if (choice != null) {
                switch (choice.mode()) {
                    case AUTO -> body.add("tool_choice", "auto");
                    case NONE -> body.add("tool_choice", "none");
                    case ANY -> body.add("tool_choice", "required");
                    case TOOL -> body.add("tool_choice", Js.object().add("type", "function")
                            .add("function", Js.object().add("name", choice.name())));
                }
                if (choice.parallel() != null) {
                    body.add("parallel_tool_calls", choice.parallel());
                }
            }
        }
        Js.put(body, crossing.maxTokensField(), request.maxTokens());
        if (request.reasoning() != null) {
            body.add("reasoning_effort", request.reasoning().openAiEffort());
        }
        Js.put(body, "temperature", request.temperature());
        Js.put(body, "top_p", request.topP());
        if (!request.stop().isEmpty()) {
            JsonArrayBuilder stop = Js.array();
            request.stop().forEach(stop::add);
            body.add("stop", stop);
        }
        Js.put(body, "user", request.user());
        if (request.outputSchema() != null) {
            body.add("response_format", Js.object().add("type", "json_schema").add("json_schema",
                    Js.object().add("name", Js.str(request.outputSchema(), "name"))
                            .add("schema", request.outputSchema().get("schema"))));
        }
        if (request.stream()) {
            // srooter reads usage from the stream for every client, so it always asks for it
            body.add("stream", true).add("stream_options", Js.object().add("include_usage", true));
        }
        return body.build();
    }

    private static void assistant(JsonArrayBuilder messages, List<Part> parts) {
        JsonObjectBuilder m = Js.object().add("role", "assistant");
        String text = joinText(parts);
        JsonArrayBuilder calls = Js.array();
        boolean anyCall = false;
        for (Part part : parts) {
            if (part instanceof Part.ToolCall call) {
                calls.add(Js.object().add("id", call.id()).add("type", "function").add("function", Js.object()
                        .add("name", call.name()).add("arguments", call.arguments() == null ? "{}" : call.arguments())));
                anyCall = true;
            }
            // thinking has no place in a Chat request: reasoning content is output only
        }
        if (text.isEmpty()) {
            m.add("content", JsonValue.NULL);
        } else {
            m.add("content", text);
        }
        if (anyCall) {
            m.add("tool_calls", calls);
        } else if (text.isEmpty()) {
            return; // an assistant turn that held only thinking
        }
        messages.add(m);
    }

    /** Tool results first (Chat wants them right after the assistant's calls), then what the user wrote. */
    private static void user(JsonArrayBuilder messages, List<Part> parts) {
        List<Part> rest = new ArrayList<>();
        List<Part> resultImages = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Part.ToolResult result) {
                String text = joinText(result.content());
                for (Part p : result.content()) {
                    if (p instanceof Part.Image) {
                        resultImages.add(p); // a tool message holds text only: its images follow as user content
                    }
                }
                if (result.isError()) {
                    text = text.isEmpty() ? "Error" : "Error: " + text;
                }
                messages.add(Js.object().add("role", "tool").add("tool_call_id", result.callId()).add("content", text));
            } else {
                rest.add(part);
            }
        }
        rest.addAll(0, resultImages);
        if (rest.isEmpty()) {
            return;
        }
        boolean images = rest.stream().anyMatch(p -> p instanceof Part.Image);
        if (!images) {
            messages.add(Js.object().add("role", "user").add("content", joinText(rest)));
            return;
        }
        JsonArrayBuilder content = Js.array();
        for (Part part : rest) {
            if (part instanceof Part.Text text && text.text() != null && !text.text().isEmpty()) {
                content.add(Js.object().add("type", "text").add("text", text.text()));
            } else if (part instanceof Part.Image image) {
                content.add(Js.object().add("type", "image_url").add("image_url", Js.object().add("url", image.asUrl())));
            }
        }
        messages.add(Js.object().add("role", "user").add("content", content));
    }

    /** The text parts joined by blank lines; OpenAI-compatible servers take plain strings most widely. */
    static String joinText(List<Part> parts) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Part.Text text && text.text() != null && !text.text().isEmpty()) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(text.text());
            }
        }
        return out.toString();
    }

    // ---- provider answer -> canonical

    @Override
    public ChatResponse readResponse(JsonObject body, String origin) {
        List<Part> content = new ArrayList<>();
        JsonObject choice = Js.objects(Js.arr(body, "choices")).stream().findFirst().orElse(null);
        JsonObject message = Js.obj(choice, "message");
        String reasoning = reasoningText(message);
        if (reasoning != null && !reasoning.isEmpty()) {
            content.add(new Part.Thinking(reasoning, null, false, null, origin));
        }
        String text = Js.str(message, "content");
        if (text != null && !text.isEmpty()) {
            content.add(new Part.Text(text));
        }
        for (JsonObject call : Js.objects(Js.arr(message, "tool_calls"))) {
            JsonObject function = Js.obj(call, "function");
            content.add(new Part.ToolCall(Js.str(call, "id"), Js.str(function, "name"), Js.str(function, "arguments")));
        }
        return new ChatResponse(Js.str(body, "id"), Js.str(body, "model"), content,
                StopReason.fromChat(Js.str(choice, "finish_reason")), usage(Js.obj(body, "usage")));
    }

    /** DeepSeek and vLLM name it {@code reasoning_content}; Ollama and OpenRouter {@code reasoning}. */
    static String reasoningText(JsonObject message) {
        String text = Js.str(message, "reasoning_content");
        return text != null ? text : Js.str(message, "reasoning");
    }

    /** Chat usage counts cached tokens inside the prompt; srooter counts them apart. */
    /** The usage object's counts, read as for a passed-through answer ({@link UsageReader}); null when there is none. */
    static Usage usage(JsonObject u) {
        if (u == null) {
            return null;
        }
        UsageReader reader = new UsageReader(WireFormat.OPENAI_CHAT);
        reader.acceptUsage(u);
        return reader.usage();
    }

    // ---- canonical -> client answer

    @Override
    public JsonObject writeResponse(ChatResponse response) {
        JsonObjectBuilder message = Js.object().add("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonArrayBuilder calls = Js.array();
        boolean anyCall = false;
        for (Part part : response.content()) {
            if (part instanceof Part.Text t) {
                text.append(t.text());
            } else if (part instanceof Part.Thinking t && t.text() != null) {
                reasoning.append(t.text());
            } else if (part instanceof Part.ToolCall call) {
                calls.add(Js.object().add("id", call.id()).add("type", "function").add("function", Js.object()
                        .add("name", call.name()).add("arguments", call.arguments() == null ? "{}" : call.arguments())));
                anyCall = true;
            }
        }
        if (text.length() == 0) {
            message.add("content", JsonValue.NULL);
        } else {
            message.add("content", text.toString());
        }
        if (reasoning.length() > 0) {
            message.add("reasoning_content", reasoning.toString()); // DeepSeek's field; other clients ignore it
        }
        if (anyCall) {
            message.add("tool_calls", calls);
        }
        message.add("refusal", JsonValue.NULL);
        return Js.object().add("id", completionId(response.id())).add("object", "chat.completion")
                .add("created", System.currentTimeMillis() / 1000).add("model", String.valueOf(response.model()))
                .add("choices", Js.array().add(Js.object().add("index", 0).add("message", message)
                        .add("logprobs", JsonValue.NULL).add("finish_reason", response.stopReason().chat())))
                .add("usage", usageObject(response.usage())).build();
    }

    static String completionId(String id) {
        return id != null && id.startsWith("chatcmpl") ? id : "chatcmpl-" + (id == null ? "srooter" : id);
    }

    /** Chat counts every input token in {@code prompt_tokens}, cache reads and writes included. */
    static JsonObjectBuilder usageObject(Usage u) {
        long prompt = u.input() + u.cacheRead() + u.cacheWrite();
        return Js.object().add("prompt_tokens", prompt).add("completion_tokens", u.output())
                .add("total_tokens", prompt + u.output())
                .add("prompt_tokens_details", Js.object().add("cached_tokens", u.cacheRead()));
    }

    @Override
    public StreamReader streamReader(String origin) {
        return new ChatStreamReader(origin);
    }

    @Override
    public StreamWriter streamWriter(JsonObject clientBody) {
        return new ChatStreamWriter(Boolean.TRUE.equals(Js.bool(Js.obj(clientBody, "stream_options"), "include_usage")));
    }

    @Override
    public String errorMessage(JsonObject body) {
        String message = Js.str(Js.obj(body, "error"), "message");
        return message != null ? message : Js.str(body, "error"); // some compatible servers send a bare string
    }
}
