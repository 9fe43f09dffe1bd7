package dev.srooter.server.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style checks over random answers (seeded, so a failure repeats): for every provider format
 * and every client format, an answer the provider streams (split into network reads at random byte
 * boundaries, tool arguments in random pieces) reaches the client, through the provider's reader and the
 * client's writer, as a stream that reassembles into the same answer: the same text, the same tool calls
 * with the same ids, names and arguments, the same stop reason and token counts. The same holds for
 * complete answers.
 */
class StreamingPropertyTest {

    private static final int CASES = 150;

    static Stream<Arguments> directions() {
        List<Arguments> out = new ArrayList<>();
        for (WireFormat provider : WireFormat.values()) {
            for (WireFormat client : WireFormat.values()) {
                out.add(Arguments.of(provider, client));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} streamed to a {1} client")
    @MethodSource("directions")
    void streamsReassembleIntoTheSameAnswer(WireFormat provider, WireFormat client) {
        Random random = new Random(provider.ordinal() * 31L + client.ordinal());
        for (int n = 0; n < CASES; n++) {
            ChatResponse answer = randomAnswer(random);
            String providerStream = write(Codecs.of(provider).streamWriter(includeUsage()),
                    splitArguments(StreamAssembler.events(answer), random));
            List<StreamEvent> canonical = read(Codecs.of(provider).streamReader("prov"), providerStream, random);
            String clientStream = write(Codecs.of(client).streamWriter(includeUsage()), canonical);
            StreamAssembler assembler = new StreamAssembler();
            read(Codecs.of(client).streamReader("client"), clientStream, random).forEach(assembler::accept);
            assertTrue(assembler.finished(), "case " + n + ": the client's stream is complete\n" + clientStream);
            assertSame(answer, assembler.response(), provider, client, "case " + n);
        }
    }

    @ParameterizedTest(name = "{0} answering a {1} client whole")
    @MethodSource("directions")
    void completeAnswersCrossUnchanged(WireFormat provider, WireFormat client) {
        Random random = new Random(7 + provider.ordinal() * 31L + client.ordinal());
        for (int n = 0; n < CASES; n++) {
            ChatResponse answer = randomAnswer(random);
            ChatResponse atGateway = Codecs.of(provider).readResponse(Codecs.of(provider).writeResponse(answer), "prov");
            ChatResponse atClient = Codecs.of(client).readResponse(Codecs.of(client).writeResponse(atGateway), "client");
            assertSame(answer, atClient, provider, client, "case " + n);
        }
    }

    @ParameterizedTest(name = "reasoning made by a {0} provider, carried through a {1} client")
    @MethodSource("directions")
    void reasoningStateComesBackToItsMaker(WireFormat provider, WireFormat client) {
        if (provider == WireFormat.OPENAI_CHAT || client == WireFormat.OPENAI_CHAT) {
            return; // Chat has no opaque reasoning state, neither to give nor to carry
        }
        ChatResponse answer = new ChatResponse("r1", "m", List.of(
                new Part.Thinking("I should read the file first.", "sig-or-blob-123", false, "rs_9", null),
                new Part.ToolCall("call_1", "Read", "{\"path\":\"a.txt\"}")), StopReason.TOOL_USE,
                new Usage(10, 5, 0, 0));
        String providerStream = write(Codecs.of(provider).streamWriter(includeUsage()),
                StreamAssembler.events(answer));
        List<StreamEvent> canonical = read(Codecs.of(provider).streamReader("prov"), providerStream, new Random(1));
        String clientStream = write(Codecs.of(client).streamWriter(includeUsage()), canonical);
        StreamAssembler assembler = new StreamAssembler();
        read(Codecs.of(client).streamReader("client"), clientStream, new Random(2)).forEach(assembler::accept);
        Part.Thinking atClient = (Part.Thinking) assembler.response().content().get(0);
        assertTrue(OpaqueState.isWrapped(atClient.opaque()), "the client holds an envelope: " + atClient.opaque());
        Part.Thinking opened = OpaqueState.unwrap(atClient.opaque(), atClient.text(), false, null);
        assertEquals("prov", opened.origin());
        assertEquals("I should read the file first.", opened.text());
        assertNotNull(opened.opaque());
        // the provider's own state, as the provider's format carried it, is what goes back to it
        Part.Thinking providerSaw = (Part.Thinking) StreamAssemblerOf(canonical).content().get(0);
        assertEquals(providerSaw.opaque(), opened.opaque());
    }

    private static ChatResponse StreamAssemblerOf(List<StreamEvent> events) {
        StreamAssembler a = new StreamAssembler();
        events.forEach(a::accept);
        return a.response();
    }

    private static jakarta.json.JsonObject includeUsage() {
        return Js.object().add("stream_options", Js.object().add("include_usage", true)).build();
    }

    /** Compares what every format carries: text, tool calls in order, stop reason, token counts. */
    private static void assertSame(ChatResponse expected, ChatResponse actual, WireFormat provider, WireFormat client,
                                   String label) {
        assertEquals(text(expected), text(actual), label + ": text");
        assertEquals(calls(expected), calls(actual), label + ": tool calls");
        assertEquals(thinking(expected), thinking(actual), label + ": reasoning text");
        assertEquals(expected.stopReason(), actual.stopReason(), label + ": stop reason");
        Usage e = expected.usage();
        Usage a = actual.usage();
        assertEquals(e.output(), a.output(), label + ": output tokens");
        assertEquals(e.cacheRead(), a.cacheRead(), label + ": cache reads");
        assertEquals(e.input() + e.cacheRead() + e.cacheWrite(), a.input() + a.cacheRead() + a.cacheWrite(),
                label + ": input tokens");
        if (provider == WireFormat.ANTHROPIC_MESSAGES && client == WireFormat.ANTHROPIC_MESSAGES) {
            assertEquals(e.cacheWrite(), a.cacheWrite(), label + ": cache writes");
        }
    }

    private static String text(ChatResponse r) {
        StringBuilder b = new StringBuilder();
        r.content().stream().filter(p -> p instanceof Part.Text).forEach(p -> b.append(((Part.Text) p).text()));
        return b.toString();
    }

    private static String thinking(ChatResponse r) {
        StringBuilder b = new StringBuilder();
        r.content().stream().filter(p -> p instanceof Part.Thinking)
                .forEach(p -> b.append(((Part.Thinking) p).text()).append('|'));
        return b.toString();
    }

    private static List<String> calls(ChatResponse r) {
        return r.content().stream().filter(p -> p instanceof Part.ToolCall).map(p -> (Part.ToolCall) p)
                .map(c -> c.id() + " " + c.name() + " " + Js.argumentsObject(c.arguments())).toList();
    }

    // ---- random answers

    private static final String[] WORDS = {"read", "the", "file", "ünïcödé", "\"quoted\"", "back\\slash", "line\n",
            "tab\t", "emoji 🚀", "{json-ish}", "</script>", "  spaced  ", "data: not-an-event", "\r\n"};

    static ChatResponse randomAnswer(Random random) {
        List<Part> content = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            content.add(new Part.Thinking(words(random, 1 + random.nextInt(8)), null, false, null, null));
        }
        if (random.nextInt(4) != 0) {
            content.add(new Part.Text(words(random, 1 + random.nextInt(30))));
        }
        int calls = random.nextInt(4);
        for (int i = 0; i < calls; i++) {
            content.add(new Part.ToolCall("call_" + Integer.toHexString(random.nextInt()) + "_" + i,
                    random.nextBoolean() ? "Read" : "exec_command", Js.text(randomObject(random, 0))));
        }
        if (content.isEmpty()) {
            content.add(new Part.Text("ok"));
        }
        StopReason stop = calls > 0 ? StopReason.TOOL_USE : random.nextInt(4) == 0 ? StopReason.MAX_TOKENS
                : StopReason.END_TURN;
        Usage usage = new Usage(random.nextInt(5000), 1 + random.nextInt(900), random.nextInt(3000),
                random.nextInt(2000));
        return new ChatResponse("id" + random.nextInt(1000), "model-x", content, stop, usage);
    }

    private static String words(Random random, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(i + 1 < n ? " " : "");
        }
        return b.toString();
    }

    private static jakarta.json.JsonObject randomObject(Random random, int depth) {
        var o = Js.object();
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            String name = "f" + i + (random.nextBoolean() ? "_ü" : "");
            switch (depth < 2 ? random.nextInt(5) : random.nextInt(3)) {
                case 0 -> o.add(name, words(random, 1 + random.nextInt(3)));
                case 1 -> o.add(name, random.nextInt(100000) - 500);
                case 2 -> o.add(name, random.nextBoolean());
                case 3 -> o.add(name, randomObject(random, depth + 1));
                default -> o.add(name, Js.array().add(words(random, 1)).add(random.nextDouble()));
            }
        }
        return o.build();
    }

    /** Tool arguments arrive in pieces, split anywhere, as providers stream them. */
    private static List<StreamEvent> splitArguments(List<StreamEvent> events, Random random) {
        List<StreamEvent> out = new ArrayList<>();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.ArgumentsDelta d && d.json().length() > 1) {
                String json = d.json();
                int at = 0;
                while (at < json.length()) {
                    int end = Math.min(json.length(), at + 1 + random.nextInt(12));
                    if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                        end++;
                    }
                    out.add(new StreamEvent.ArgumentsDelta(d.index(), json.substring(at, end)));
                    at = end;
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    private static String write(StreamWriter writer, List<StreamEvent> events) {
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(writer.write(e)));
        return out.toString();
    }

    /** Feeds the stream's bytes to a reader in network reads of random sizes, as a socket delivers them. */
    private static List<StreamEvent> read(StreamReader reader, String stream, Random random) {
        List<StreamEvent> events = new ArrayList<>();
        SseParser parser = new SseParser((name, data) -> events.addAll(reader.read(name, data)));
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(200));
            byte[] piece = new byte[n];
            System.arraycopy(bytes, at, piece, 0, n);
            parser.feed(piece, n);
            at += n;
        }
        parser.finish();
        events.addAll(reader.end());
        return events;
    }
}
