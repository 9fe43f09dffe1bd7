package dev.srooter.server.translate;

import dev.srooter.api.WireFormat;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Opens the {@link OpaqueState} envelopes in a body that otherwise passes through untouched: a
 * conversation that an earlier turn crossed formats in (served by another provider) now goes to a
 * provider of the client's own format. The state goes back to the provider that made it; for any other
 * the reasoning is dropped, since its signature or encryption would be rejected as garbage.
 */
public final class Envelopes {

    private Envelopes() {
    }

    /** The body with every envelope opened for {@code provider}; Chat bodies never carry any. */
    public static JsonObject open(JsonObject body, WireFormat format, String provider) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> anthropic(body, provider);
            case OPENAI_RESPONSES -> responses(body, provider);
            case OPENAI_CHAT -> body;
        };
    }

    private static JsonObject anthropic(JsonObject body, String provider) {
        JsonArrayBuilder messages = Js.array();
        for (JsonValue value : orEmpty(Js.arr(body, "messages"))) {
            JsonObject message = value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
            if (message == null || Js.arr(message, "content") == null) {
                messages.add(value);
                continue;
            }
            JsonArrayBuilder content = Js.array();
            for (JsonValue block : message.getJsonArray("content")) {
                JsonObject b = block.getValueType() == JsonValue.ValueType.OBJECT ? block.asJsonObject() : null;
                String signature = b == null ? null : Js.str(b, "signature");
                if (b == null || !"thinking".equals(Js.str(b, "type")) || !OpaqueState.isWrapped(signature)) {
                    content.add(block);
                    continue;
                }
                Part.Thinking t = OpaqueState.unwrap(signature, Js.str(b, "thinking"), false, null);
                if (provider.equals(t.origin()) && t.opaque() != null) {
                    content.add(t.redacted()
                            ? Js.object().add("type", "redacted_thinking").add("data", t.opaque())
                            : Js.object().add("type", "thinking").add("thinking", t.text() == null ? "" : t.text())
                                    .add("signature", t.opaque()));
                }
            }
            messages.add(Js.object(message).add("content", content));
        }
        return Js.object(body).add("messages", messages).build();
    }

    private static JsonObject responses(JsonObject body, String provider) {
        if (Js.arr(body, "input") == null) {
            return body;
        }
        JsonArrayBuilder input = Js.array();
        for (JsonValue value : body.getJsonArray("input")) {
            JsonObject item = value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
            String encrypted = item == null ? null : Js.str(item, "encrypted_content");
            if (item == null || !"reasoning".equals(Js.str(item, "type")) || !OpaqueState.isWrapped(encrypted)) {
                input.add(value);
                continue;
            }
            Part.Thinking t = OpaqueState.unwrap(encrypted, null, false, Js.str(item, "id"));
            if (provider.equals(t.origin()) && t.opaque() != null) {
                JsonObjectBuilder restored = Js.object(item).add("encrypted_content", t.opaque());
                if (t.itemId() != null) {
                    restored.add("id", t.itemId());
                }
                input.add(restored);
            }
        }
        return Js.object(body).add("input", input).build();
    }

    private static Iterable<JsonValue> orEmpty(jakarta.json.JsonArray array) {
        return array == null ? JsonValue.EMPTY_JSON_ARRAY : array;
    }
}
