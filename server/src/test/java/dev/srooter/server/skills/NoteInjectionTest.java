package dev.srooter.server.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Js;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The council's note goes at the end of the request in each format, leaving everything before it as it was. */
class NoteInjectionTest {

    private static JsonObject json(String text) {
        return Js.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chatCompletionsGetsATextPartOrANewUserMessageAfterToolOutput() {
        JsonObject user = NoteInjection.append(json("{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}"), WireFormat.OPENAI_CHAT, "NOTE");
        JsonArray parts = user.getJsonArray("messages").getJsonObject(1).getJsonArray("content");
        assertEquals("hi", parts.getJsonObject(0).getString("text"));
        assertTrue(parts.getJsonObject(1).getString("text").contains("NOTE"));
        assertEquals("s", user.getJsonArray("messages").getJsonObject(0).getString("content"));

        JsonObject tool = NoteInjection.append(json("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[]},{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"out\"}]}"),
                WireFormat.OPENAI_CHAT, "NOTE");
        assertEquals(4, tool.getJsonArray("messages").size());
        assertEquals("user", tool.getJsonArray("messages").getJsonObject(3).getString("role"));
    }

    @Test
    void responsesGetsANewInputItemAndAStringInputBecomesAnItem() {
        JsonObject list = NoteInjection.append(json("{\"instructions\":\"i\",\"input\":[{\"type\":\"message\","
                + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}"),
                WireFormat.OPENAI_RESPONSES, "NOTE");
        assertEquals(2, list.getJsonArray("input").size());
        assertEquals("i", list.getString("instructions"));
        JsonObject string = NoteInjection.append(json("{\"input\":\"hi\"}"), WireFormat.OPENAI_RESPONSES, "NOTE");
        assertEquals("hi", string.getJsonArray("input").getJsonObject(0).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertTrue(string.getJsonArray("input").getJsonObject(1).toString().contains("NOTE"));
    }
}
