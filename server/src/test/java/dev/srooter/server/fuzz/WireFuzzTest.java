package dev.srooter.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Codec;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Crossing;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.SseParser;
import dev.srooter.server.translate.StreamEvent;
import dev.srooter.server.translate.StreamReader;
import dev.srooter.server.translate.StreamWriter;
import dev.srooter.server.wire.JsonScan;
import dev.srooter.server.wire.SseUsageTap;
import dev.srooter.server.wire.UsageReader;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes what srooter parses from outside: the top-level scan of a client's body, each format's request reader and
 * every other format's writer after it, each format's answer reader, the event-stream parser, stream readers and
 * writers, and the usage tap. What may be thrown is what the gateway turns into a clear error (a malformed body,
 * JSON that is not an object, anything the translation step maps to a 400 and the relay to a 502 or an error
 * event); an Error (a stack overflow, memory), a hang, or any exception from the body scan and the usage readers,
 * which nothing maps, is a crash. The first bytes pick the target, so that one fuzz run covers them all.
 *
 * <p>{@code mvn test} replays the seeds and saved findings (regression mode); the {@code fuzz} execution of the
 * server's build fuzzes for a bounded time ({@code JAZZER_FUZZ=1}).
 */
class WireFuzzTest {

    private static final WireFormat[] FORMATS = {WireFormat.ANTHROPIC_MESSAGES, WireFormat.OPENAI_CHAT,
        WireFormat.OPENAI_RESPONSES};

    @FuzzTest(maxDuration = "60s")
    void wire(FuzzedDataProvider data) {
        int target = data.consumeInt(0, 5);
        WireFormat format = FORMATS[data.consumeInt(0, FORMATS.length - 1)];
        switch (target) {
            case 0 -> scan(data.consumeRemainingAsBytes());
            case 1 -> request(format, data.consumeRemainingAsBytes());
            case 2 -> response(format, data.consumeRemainingAsBytes());
            case 3, 4 -> stream(format, data.consumeRemainingAsBytes());
            default -> usage(format, data.consumeRemainingAsBytes());
        }
    }

    /** The scan, and the tree reader that a request body is read with in one pass: it must accept nothing more. */
    private static void scan(byte[] body) {
        java.util.Map<String, JsonScan.Span> spans = new java.util.HashMap<>();
        boolean treeAccepts;
        try {
            Js.parse(body, (name, start, end) -> spans.put(name, new JsonScan.Span(start, end)));
            treeAccepts = true;
        } catch (IllegalArgumentException refused) {
            treeAccepts = false; // RequestBody.of scans it for the error, or sends it on without a tree
        }
        try {
            JsonScan.TopLevel top = JsonScan.scan(body);
            top.string("model");
            top.raw("max_tokens");
            top.isTrue("stream");
            for (var member : spans.entrySet()) {
                String raw = new String(body, member.getValue().start(), member.getValue().end()
                        - member.getValue().start(), java.nio.charset.StandardCharsets.UTF_8);
                if (!raw.equals(top.raw(member.getKey()))) {
                    throw new AssertionError("the scan and the tree reader disagree on " + member.getKey());
                }
            }
        } catch (JsonScan.Malformed expected) {
            if (treeAccepts) {
                throw new AssertionError("the tree reader accepted what the scan refused: " + expected.getMessage());
            }
        }
    }

    /** A client's body read in its format, then written in every format, as Translate does. */
    private static void request(WireFormat format, byte[] body) {
        JsonObject json = object(body);
        if (json == null) {
            return;
        }
        ChatRequest request;
        try {
            request = Codecs.of(format).readRequest(json);
        } catch (RuntimeException mappedTo400) {
            return; // Translate answers 400 invalid_request or untranslatable
        }
        for (WireFormat to : FORMATS) {
            try {
                Codecs.of(to).writeRequest(request, new Crossing("fuzz", "model", "max_tokens"));
            } catch (RuntimeException mappedTo400) {
                // likewise
            }
        }
    }

    /** A provider's complete answer read in its format and written in every client format. */
    private static void response(WireFormat format, byte[] body) {
        JsonObject json = object(body);
        if (json == null) {
            return;
        }
        Codec codec = Codecs.of(format);
        codec.errorMessage(json);
        ChatResponse response;
        try {
            response = codec.readResponse(json, "fuzz");
        } catch (RuntimeException mappedTo502) {
            return; // an answer srooter cannot read is a 502 to the client
        }
        for (WireFormat to : FORMATS) {
            try {
                Codecs.of(to).writeResponse(response);
            } catch (RuntimeException mappedTo502) {
                // TranslatingRelay reads and writes in full before it answers: a 502 upstream_invalid_response
            }
        }
    }

    /** A provider's event stream, cut at any point, parsed, read and written in every client format. */
    private static void stream(WireFormat format, byte[] bytes) {
        StreamReader reader = Codecs.of(format).streamReader("fuzz");
        List<StreamWriter> writers = Arrays.stream(FORMATS)
                .map(f -> Codecs.of(f).streamWriter(Js.object().add("model", "m").build())).toList();
        SseParser parser = new SseParser((name, data) -> {
            for (StreamEvent event : reader.read(name, data)) {
                writers.forEach(w -> w.write(event));
            }
        });
        try {
            parser.feed(bytes, bytes.length);
            parser.finish();
            for (StreamEvent event : reader.end()) {
                writers.forEach(w -> w.write(event));
            }
        } catch (RuntimeException mappedToAnErrorEvent) {
            // the relay ends the client's stream with an error event
        }
    }

    private static void usage(WireFormat format, byte[] bytes) {
        UsageReader.fromBody(format, bytes);
        SseUsageTap tap = new SseUsageTap(new UsageReader(format));
        tap.accept(bytes, bytes.length);
    }

    private static JsonObject object(byte[] body) {
        try {
            return Js.parse(body);
        } catch (IllegalArgumentException | JsonException notAnObject) {
            return null;
        }
    }
}
