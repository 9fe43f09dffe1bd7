package dev.srooter.server.policy;

import dev.srooter.api.PolicyRequest;
import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings policies cap, read from and written to the request body in the client's own wire format, so
 * that a rewrite is made once, before translation, and every provider format gets it.
 */
public final class RequestFields implements PolicyRequest {

    /** Who and what, besides the body. */
    public record Facts(String username, String team, String keyId, String intent, String model,
                        String requestedModel, String chatMaxTokensField) {
    }

    private final Facts facts;
    private final WireFormat format;
    private final int bodyBytes;
    private final java.util.function.Supplier<JsonObject> parse;
    private JsonObject parsed;
    private boolean changed;

    /** {@code body} is asked for only when a policy reads a field: most requests meet no cap at all. */
    public RequestFields(Facts facts, WireFormat format, java.util.function.Supplier<JsonObject> body,
                         int bodyBytes) {
        this.facts = facts;
        this.format = format;
        this.parse = body;
        this.bodyBytes = bodyBytes;
    }

    private JsonObject body() {
        if (parsed == null) {
            parsed = parse.get();
        }
        return parsed;
    }

    /** The body with every rewrite made, or null when no policy changed it. */
    public JsonObject changedBody() {
        return changed ? parsed : null;
    }

    @Override public String username() {
        return facts.username();
    }

    @Override public String team() {
        return facts.team();
    }

    @Override public String keyId() {
        return facts.keyId();
    }

    @Override public String intent() {
        return facts.intent();
    }

    @Override public String model() {
        return facts.model();
    }

    @Override public String requestedModel() {
        return facts.requestedModel();
    }

    @Override public WireFormat format() {
        return format;
    }

    @Override public int bodyBytes() {
        return bodyBytes;
    }

    @Override
    public Integer maxOutputTokens() {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> integer(body(), "max_tokens");
            case OPENAI_CHAT -> integer(body(), "max_completion_tokens") != null ? integer(body(), "max_completion_tokens")
                    : integer(body(), "max_tokens");
            case OPENAI_RESPONSES -> integer(body(), "max_output_tokens");
        };
    }

    @Override
    public void setMaxOutputTokens(Integer tokens) {
        switch (format) {
            case ANTHROPIC_MESSAGES -> set(List.of("max_tokens"), tokens);
            case OPENAI_RESPONSES -> set(List.of("max_output_tokens"), tokens);
            case OPENAI_CHAT -> {
                // the field the client used; when it used none, the one the serving provider takes
                String field = body().containsKey("max_completion_tokens") ? "max_completion_tokens"
                        : body().containsKey("max_tokens") ? "max_tokens" : facts.chatMaxTokensField();
                set(List.of(field), tokens);
            }
        }
    }

    @Override
    public Integer reasoningBudgetTokens() {
        if (format != WireFormat.ANTHROPIC_MESSAGES || !(body().get("thinking") instanceof JsonObject thinking)
                || !"enabled".equals(thinking.getString("type", null))) {
            return null;
        }
        return integer(thinking, "budget_tokens");
    }

    /** Null turns extended thinking off. */
    @Override
    public void setReasoningBudgetTokens(Integer tokens) {
        if (format != WireFormat.ANTHROPIC_MESSAGES || reasoningBudgetTokens() == null) {
            return;
        }
        if (tokens == null) {
            set(List.of("thinking"), null);
        } else {
            set(List.of("thinking", "budget_tokens"), tokens);
        }
    }

    @Override
    public String reasoningEffort() {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> null;
            case OPENAI_CHAT -> string(body(), "reasoning_effort");
            case OPENAI_RESPONSES -> body().get("reasoning") instanceof JsonObject r ? string(r, "effort") : null;
        };
    }

    @Override
    public void setReasoningEffort(String effort) {
        switch (format) {
            case ANTHROPIC_MESSAGES -> { }
            case OPENAI_CHAT -> set(List.of("reasoning_effort"), effort);
            case OPENAI_RESPONSES -> set(List.of("reasoning", "effort"), effort);
        }
    }

    @Override
    public String serviceTier() {
        return string(body(), "service_tier");
    }

    @Override
    public void setServiceTier(String tier) {
        set(List.of("service_tier"), tier);
    }

    // ---- JSON

    private void set(List<String> path, Object value) {
        JsonObject updated = with(body(), path, value);
        if (!updated.equals(parsed)) {
            parsed = updated;
            changed = true;
        }
    }

    private static JsonObject with(JsonObject object, List<String> path, Object value) {
        String name = path.get(0);
        JsonObjectBuilder builder = Js.object(object);
        if (path.size() > 1) {
            JsonObject inner = object.get(name) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            return builder.add(name, with(inner, new ArrayList<>(path.subList(1, path.size())), value)).build();
        }
        if (value == null) {
            return builder.remove(name).build();
        }
        if (value instanceof Integer i) {
            return builder.add(name, i).build();
        }
        return builder.add(name, value.toString()).build();
    }

    private static Integer integer(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n ? n.intValue() : null;
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof jakarta.json.JsonString s ? s.getString() : null;
    }
}
