package dev.srooter.server.skills;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Adds a short note for the agent at the very end of a request, in the provider's format: a text block after the
 * last user message's content (a new user message after tool output in Chat Completions, a new input item in
 * Responses). Nothing before it changes, so the provider's prompt cache of the system prompt, the tools and the
 * conversation holds; a note in the system prompt would invalidate all of it. Wrapped as Claude Code wraps its own
 * reminders, so agents read it as context rather than as the developer's words.
 */
public final class NoteInjection {

    private NoteInjection() {
    }

    public static JsonObject append(JsonObject body, WireFormat format, String note) {
        String text = "<system-reminder>\n" + note + "\n</system-reminder>";
        switch (format) {
            case ANTHROPIC_MESSAGES:
                return lastUserMessage(body, "messages", Js.object().add("type", "text").add("text", text).build(), null);
            case OPENAI_CHAT:
                return lastUserMessage(body, "messages", Js.object().add("type", "text").add("text", text).build(),
                        Js.object().add("role", "user").add("content", text).build());
            case OPENAI_RESPONSES:
                return responses(body, text);
            default:
                return body;
        }
    }

    /** The text appended to the last message when it is the user's; else {@code extra} appended (or nothing). */
    private static JsonObject lastUserMessage(JsonObject body, String field, JsonObject part, JsonObject extra) {
        JsonArray messages = Js.arr(body, field);
        if (messages == null || messages.isEmpty()) {
            return body;
        }
        JsonArrayBuilder out = Js.array();
        for (int k = 0; k < messages.size() - 1; k++) {
            out.add(messages.get(k));
        }
        JsonValue lastValue = messages.get(messages.size() - 1);
        JsonObject last = lastValue instanceof JsonObject o ? o : null;
        if (last != null && "user".equals(Js.str(last, "role"))) {
            JsonValue content = last.get("content");
            JsonArrayBuilder parts = Js.array();
            if (content instanceof JsonString s) {
                parts.add(Js.object().add("type", "text").add("text", s.getString()));
            } else if (content instanceof JsonArray a) {
                a.forEach(parts::add);
            }
            parts.add(part);
            out.add(Js.object(last).add("content", parts));
        } else {
            out.add(lastValue);
            if (extra == null) {
                return body; // an Anthropic conversation ends with the user: nothing to add to safely
            }
            out.add(extra);
        }
        return Js.object(body).add(field, out).build();
    }

    private static JsonObject responses(JsonObject body, String text) {
        JsonObject item = Js.object().add("type", "message").add("role", "user").add("content", Js.array()
                .add(Js.object().add("type", "input_text").add("text", text))).build();
        JsonValue input = body.get("input");
        JsonArrayBuilder out = Js.array();
        if (input instanceof JsonString s) {
            out.add(Js.object().add("type", "message").add("role", "user").add("content", Js.array()
                    .add(Js.object().add("type", "input_text").add("text", s.getString()))));
        } else if (input instanceof JsonArray a) {
            a.forEach(out::add);
        } else {
            return body;
        }
        out.add(item);
        return Js.object(body).add("input", out).build();
    }
}
