package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import dev.srooter.server.translate.Js;
import org.junit.jupiter.api.Test;

/** The request body as one value: each view made once, all of them dropped together by a rewrite. */
class RequestBodyTest {

    private static final String WITH_TOOLS = "{\"model\":\"m\",\"max_tokens\":32000,\"tools\":[{\"name\":\"Read\","
            + "\"input_schema\":{\"type\":\"object\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"read it\"}]}";

    @Test
    void eachViewIsMadeOnceAndKept() {
        RequestBody body = PlainExchange.of(Operation.MESSAGES, WITH_TOOLS).body;
        assertFalse(body.canonicalRead(), "nothing is parsed before a stage asks");
        assertSame(body.tree(), body.tree());
        assertSame(body.text(), body.text());
        assertSame(body.canonical().orElseThrow(), body.canonical().orElseThrow());
        assertSame(body.needs(), body.needs());
        assertTrue(body.needs().tools());
        assertEquals("32000", body.scan().raw("max_tokens"));
    }

    @Test
    void imagesAreFoundInAMessageAndInAToolsResult() {
        String image = "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                + "\"data\":\"iVBORw0KGgo=\"}}";
        String inMessage = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":[" + image
                + ",{\"type\":\"text\",\"text\":\"what is it\"}]}]}";
        String inResult = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"look\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\","
                + "\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":[" + image + "]}]}]}";
        assertTrue(PlainExchange.of(Operation.MESSAGES, inMessage).body.needs().vision(), "an image the developer sent");
        assertTrue(PlainExchange.of(Operation.MESSAGES, inResult).body.needs().vision(), "an image a tool returned");
        assertFalse(PlainExchange.of(Operation.MESSAGES, WITH_TOOLS).body.needs().vision(), "text only");
    }

    @Test
    void aRewriteReplacesTheBytesAndEveryViewTogether() {
        RequestBody body = PlainExchange.of(Operation.MESSAGES, WITH_TOOLS).body;
        var before = body.canonical().orElseThrow();
        var needsBefore = body.needs();
        body.rewrite(Js.object(body.tree()).add("max_tokens", 1024).build());
        assertEquals("1024", body.scan().raw("max_tokens"));
        assertTrue(body.text().contains("\"max_tokens\":1024"), body.text());
        assertEquals(1024, body.canonical().orElseThrow().maxTokens());
        assertNotSame(before, body.canonical().orElseThrow(), "the canonical form is read again from the rewrite");
        assertNotSame(needsBefore, body.needs());
        assertTrue(body.needs().tools(), "the rewritten body still carries its tools");
    }

    @Test
    void aBodyNoCodecCanReadHasNoCanonicalFormAndNeedsNothingButItsSize() {
        RequestBody body = PlainExchange.of(Operation.MESSAGES, "{\"model\":\"m\",\"tools\":[{\"name\":\"t\","
                + "\"input_schema\":{}}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}").body;
        assertTrue(body.canonical().isEmpty());
        assertFalse(body.needs().tools());
        assertTrue(body.needs().estimatedTokens() > 0);
    }
}
