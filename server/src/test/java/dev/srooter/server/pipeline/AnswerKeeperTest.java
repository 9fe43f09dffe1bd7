package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answer is kept for a council that can sit, and for no other request: keeping it means parsing it. */
class AnswerKeeperTest {

    private static final String ASK = "{\"model\":\"m\",\"max_tokens\":10,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"rotate the signing keys\"}]}";
    private static final String STREAM = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
            + "\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":\"Done.\"}}\n\n"
            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    private static final String WHOLE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],\"stop_reason\":\"end_turn\","
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":2}}";

    @Test
    void aCouncilThatCanSitHasTheAnswerKept() {
        Exchange exchange = flagged(List.of("anthropic/a", "openai/b"));
        AnswerKeeper keeper = AnswerKeeper.of(exchange, true);
        assertNotNull(keeper);
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        keeper.bytes(bytes, bytes.length);
        keeper.end();
        assertNotNull(exchange.answer);
        assertEquals("Done.", ((Part.Text) exchange.answer.content().get(0)).text());

        Exchange whole = flagged(List.of("anthropic/a", "openai/b"));
        AnswerKeeper.whole(whole, Js.parse(WHOLE.getBytes(StandardCharsets.UTF_8)));
        assertNotNull(whole.answer);
    }

    @Test
    void noAnswerIsKeptWhereNoCouncilCanSit() {
        for (List<String> members : List.of(List.<String>of(), List.of("anthropic/a"))) {
            Exchange exchange = flagged(members);
            assertTrue(exchange.decisions.council().isPresent(), "flagged");
            assertFalse(exchange.decisions.councilSits(), "with " + members.size() + " members no council sits");
            assertNull(AnswerKeeper.of(exchange, true), "a stream is not parsed for a council that cannot sit");
            AnswerKeeper.whole(exchange, Js.parse(WHOLE.getBytes(StandardCharsets.UTF_8)));
            assertNull(exchange.answer, "nor a whole answer read");
        }
        Exchange unflagged = PlainExchange.of(Operation.MESSAGES, ASK);
        assertNull(AnswerKeeper.of(unflagged, true));
    }

    private static Exchange flagged(List<String> members) {
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, ASK);
        exchange.decisions.add(new Decision.CouncilFlagged(members, "security"));
        return exchange;
    }
}
