package dev.srooter.server.skills;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Puts the skills' text into a request's system prompt, in the request's own wire format, after whatever the
 * client put there: Anthropic {@code system} (a string gets the text appended; blocks get one more text block
 * after the client's, so each {@code cache_control} breakpoint stays on its block and covers the same bytes);
 * Chat a system (or developer, when the client uses that) message after the client's leading ones; Responses
 * {@code instructions} appended to, or, when the client sends none and leads its input with developer messages
 * (Codex CLI does), a developer message after those. The same skills give the same bytes, so providers' prompt caches keep hitting.
 */
public final class SkillInjection {

    private SkillInjection() {
    }

    public static JsonObject inject(JsonObject body, WireFormat format, String text) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> anthropic(body, text);
            case OPENAI_CHAT -> chat(body, text);
            case OPENAI_RESPONSES -> responses(body, text);
        };
    }

    private static JsonObject anthropic(JsonObject body, String text) {
        JsonValue system = body.get("system");
        if (system instanceof JsonArray blocks) {
            var updated = Js.array();
            blocks.forEach(updated::add);
            return Js.object(body).add("system", updated.add(Js.object().add("type", "text").add("text", text)))
                    .build();
        }
        return appendString(body, "system", text);
    }

    private static JsonObject appendString(JsonObject body, String field, String text) {
        JsonValue existing = body.get(field);
        String joined = existing instanceof JsonString s && !s.getString().isEmpty() ? s.getString() + "\n\n" + text
                : text;
        return Js.object(body).add(field, joined).build();
    }

    private static JsonObject responses(JsonObject body, String text) {
        if (body.get("instructions") instanceof JsonString || !(body.get("input") instanceof JsonArray input)
                || input.isEmpty() || !(input.get(0) instanceof JsonObject first)
                || !("developer".equals(first.getString("role", null)) || "system".equals(first.getString("role", null)))) {
            return appendString(body, "instructions", text);
        }
        int at = 0;
        while (at < input.size() && input.get(at) instanceof JsonObject m
                && ("developer".equals(m.getString("role", null)) || "system".equals(m.getString("role", null)))) {
            at++;
        }
        var updated = Js.array();
        for (int i = 0; i < input.size(); i++) {
            if (i == at) {
                updated.add(developerMessage(text));
            }
            updated.add(input.get(i));
        }
        if (at == input.size()) {
            updated.add(developerMessage(text));
        }
        return Js.object(body).add("input", updated).build();
    }

    private static JsonObject developerMessage(String text) {
        return Js.object().add("type", "message").add("role", "developer").add("content", Js.array()
                .add(Js.object().add("type", "input_text").add("text", text))).build();
    }

    private static JsonObject chat(JsonObject body, String text) {
        JsonArray messages = body.getJsonArray("messages");
        if (messages == null) {
            return body;
        }
        int at = 0;
        String role = "system";
        while (at < messages.size() && messages.get(at) instanceof JsonObject m
                && ("system".equals(m.getString("role", null)) || "developer".equals(m.getString("role", null)))) {
            if ("developer".equals(m.getString("role"))) {
                role = "developer";
            }
            at++;
        }
        var updated = Js.array();
        for (int i = 0; i < messages.size(); i++) {
            if (i == at) {
                updated.add(Js.object().add("role", role).add("content", text));
            }
            updated.add(messages.get(i));
        }
        if (at == messages.size()) {
            updated.add(Js.object().add("role", role).add("content", text));
        }
        return Js.object(body).add("messages", updated).build();
    }
}
