package dev.srooter.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Usage;
import dev.srooter.server.translate.Js;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UsageReaderTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnthropicUsageIncludingCacheTokens() {
        Usage usage = UsageReader.fromBody(WireFormat.ANTHROPIC_MESSAGES, bytes("""
                {"type":"message","usage":{"input_tokens":10,"output_tokens":5,
                "cache_creation_input_tokens":7,"cache_read_input_tokens":3}}"""));
        assertEquals(new Usage(10, 5, 3, 7), usage);
    }

    @Test
    void splitsCachedTokensOutOfOpenAiPromptTokens() {
        assertEquals(new Usage(70, 9, 30, 0), UsageReader.fromBody(WireFormat.OPENAI_CHAT, bytes("""
                {"usage":{"prompt_tokens":100,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":30}}}""")));
        assertEquals(new Usage(100, 9, 0, 0), UsageReader.fromBody(WireFormat.OPENAI_CHAT, bytes("""
                {"usage":{"prompt_tokens":100,"completion_tokens":9}}""")));
        assertEquals(new Usage(75, 9, 25, 0), UsageReader.fromBody(WireFormat.OPENAI_CHAT, bytes("""
                {"usage":{"prompt_tokens":100,"completion_tokens":9,"prompt_cache_hit_tokens":25,
                "prompt_cache_miss_tokens":75}}""")), "DeepSeek's name for cache reads");
        assertEquals(new Usage(60, 4, 40, 0), UsageReader.fromBody(WireFormat.OPENAI_RESPONSES, bytes("""
                {"object":"response","usage":{"input_tokens":100,"output_tokens":4,
                "input_tokens_details":{"cached_tokens":40}}}""")));
    }

    /** The relay reads a whole answer once, with srooter's own reader, and takes the usage from that tree. */
    @Test
    void anAnswerAlreadyReadGivesTheUsageItsBytesGive() {
        String[][] answers = {
            {"ANTHROPIC_MESSAGES", """
                {"type":"message","usage":{"input_tokens":10,"output_tokens":5,
                "cache_creation_input_tokens":7,"cache_read_input_tokens":3}}"""},
            {"OPENAI_CHAT", """
                {"usage":{"prompt_tokens":100,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":30}}}"""},
            {"OPENAI_CHAT", """
                {"usage":{"prompt_tokens":100,"completion_tokens":9,"prompt_cache_hit_tokens":25}}"""},
            {"OPENAI_RESPONSES", """
                {"object":"response","usage":{"input_tokens":100,"output_tokens":4,
                "input_tokens_details":{"cached_tokens":40}}}"""},
            {"OPENAI_CHAT", "{\"usage\":null}"},
            {"ANTHROPIC_MESSAGES", "{\"type\":\"message\",\"content\":[]}"}};
        for (String[] answer : answers) {
            WireFormat format = WireFormat.valueOf(answer[0]);
            Usage fromBytes = UsageReader.fromBody(format, bytes(answer[1]));
            assertEquals(fromBytes, UsageReader.fromAnswer(format, Js.parse(bytes(answer[1]))), answer[1]);
        }
        assertEquals(new Usage(10, 5, 3, 7), UsageReader.fromAnswer(WireFormat.ANTHROPIC_MESSAGES,
                Js.parse(bytes(answers[0][1]))));
    }

    @Test
    void anUnreadableBodyHasNoUsage() {
        assertEquals(Usage.NONE, UsageReader.fromBody(WireFormat.OPENAI_CHAT, bytes("<html>bad gateway</html>")));
        assertEquals(Usage.NONE, UsageReader.fromBody(WireFormat.OPENAI_CHAT, bytes("{\"usage\":null}")));
    }

    /** Property: however an Anthropic stream is cut into network reads, the tap finds the same usage. */
    @Test
    void findsStreamUsageWhereverTheStreamIsSplit() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":21,"output_tokens":1,"cache_creation_input_tokens":4,"cache_read_input_tokens":8}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"usage is \\"usage\\""}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":42}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        byte[] all = bytes(stream);
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            UsageReader reader = new UsageReader(WireFormat.ANTHROPIC_MESSAGES);
            SseUsageTap tap = new SseUsageTap(reader);
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(trial % 2 == 0 ? 7 : 300));
                byte[] chunk = new byte[n + 3];
                System.arraycopy(all, at, chunk, 0, n);
                tap.accept(chunk, n);
                at += n;
            }
            assertEquals(new Usage(21, 42, 8, 4), reader.usage(), "trial " + trial);
        }
    }
}
