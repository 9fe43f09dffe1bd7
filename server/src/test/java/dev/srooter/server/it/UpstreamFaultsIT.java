package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeOpenAi;
import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.RawReply;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, upstream faults: a provider that never answers, one that stalls after its first bytes (whole or
 * streamed), one that sends an event stream of garbage, one whose answer is huge. Each ends within the provider's
 * timeout (1 s here) or its size limit (8 MiB on the test servers), in the client's format, and what the gateway
 * held for it (threads, descriptors, heap) is given back.
 */
class UpstreamFaultsIT {

    private static final Gateway gateway = Gateway.get();
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static FakeProvider faulty;
    private static String providerId;
    private static final String MODEL = "faulty-" + RUN + "/faulty-model";

    @BeforeAll
    static void provider() throws Exception {
        faulty = new FakeOpenAi(0, List.of("faulty-model"));
        JsonObject p = Gateway.object(gateway.admin("POST", "/api/providers", "{\"name\":\"faulty-" + RUN
                + "\",\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:" + faulty.port()
                + "/v1\",\"apiKey\":\"k\",\"timeoutSeconds\":1}").body());
        providerId = p.getString("id");
    }

    @AfterAll
    static void close() {
        gateway.admin("DELETE", "/api/providers/" + providerId, null);
        faulty.close();
    }

    private static HttpResponse<String> chat(boolean stream) {
        return gateway.openAi("/v1/chat/completions", "{\"model\":\"" + MODEL + "\"" + (stream ? ",\"stream\":true" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static HttpResponse<String> messages(boolean stream) {
        return gateway.anthropic("/v1/messages", "{\"model\":\"" + MODEL + "\",\"max_tokens\":64" + (stream
                ? ",\"stream\":true" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    /** Runs a call and says how long it took, in milliseconds. */
    private static <T> long timed(Supplier<T> call, java.util.function.Consumer<T> check) {
        long start = System.nanoTime();
        T result = call.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        check.accept(result);
        return millis;
    }

    private static JsonObject error(HttpResponse<String> response) {
        return Gateway.object(response.body()).getJsonObject("error");
    }

    @Test
    void aProviderThatNeverAnswersIsA504WithinItsTimeout() {
        faulty.enqueueRaw(RawReply.never());
        long millis = timed(() -> chat(false), r -> {
            assertEquals(504, r.statusCode(), r.body());
            assertEquals("upstream_timeout", error(r).getString("code"));
        });
        assertTrue(millis < 3000, millis + " ms");
    }

    @Test
    void aWholeAnswerThatStallsAfterItsFirstBytesIsA504() {
        faulty.enqueueRaw(RawReply.stalling("application/json", "{\"id\":\"chatcmpl-1\",", 20_000, "}"));
        long millis = timed(() -> chat(false), r -> {
            assertEquals(504, r.statusCode(), r.body());
            assertEquals("upstream_idle", error(r).getString("code"));
        });
        assertTrue(millis < 4000, "the 1 s timeout holds after the headers too: " + millis + " ms");
    }

    @Test
    void aStreamThatStallsMidwayEndsWithAnErrorEventInEachFormat() {
        String first = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"faulty-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n";
        faulty.enqueueRaw(RawReply.stalling("text/event-stream", first, 20_000, "data: [DONE]\n\n"));
        long passed = timed(() -> chat(true), r -> {
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("Hel") && r.body().contains("upstream_idle"), r.body());
        });
        faulty.enqueueRaw(RawReply.stalling("text/event-stream", first, 20_000, "data: [DONE]\n\n"));
        long translated = timed(() -> messages(true), r -> {
            Sse sse = Sse.parse(r.body());
            assertEquals("error", sse.last().name(), r.body());
            assertTrue(sse.last().data().contains("sent nothing for 1.0 s"), sse.last().data()); // Anthropic errors carry no code
        });
        assertTrue(passed < 4000 && translated < 4000, passed + " ms, " + translated + " ms");
    }

    @Test
    void anEventStreamOfGarbageEndsWithAnErrorEventWhenTranslated() {
        faulty.enqueueRaw(RawReply.stalling("text/event-stream", "data: {not json\n\n:::\n\nevent: x\ndata: [1,2\n\n",
                0, ""));
        HttpResponse<String> response = messages(true);
        Sse sse = Sse.parse(response.body());
        assertEquals("error", sse.last().name(), response.body());
        faulty.enqueueRaw(RawReply.stalling("text/event-stream", "data: {not json\n\n", 0, ""));
        HttpResponse<String> whole = messages(false);
        assertEquals(502, whole.statusCode(), whole.body());
        assertEquals("error", Gateway.object(whole.body()).getString("type"));
    }

    @Test
    void aHugeAnswerIsRefusedAtTheLimitAndWhatItTookIsGivenBack() {
        JsonObject before = Gateway.object(gateway.admin("GET", "/api/runtime?gc=true", null).body());
        String head = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"faulty-model\",\"choices\":"
                + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"";
        String end = "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}";
        String chunk = "a".repeat(64 * 1024);
        for (int k = 0; k < 3; k++) {
            faulty.enqueueRaw(RawReply.huge("application/json", head, chunk, 400, end)); // 25 MiB
            HttpResponse<String> refused = chat(false);
            assertEquals(502, refused.statusCode(), refused.body().substring(0, Math.min(300, refused.body().length())));
            assertEquals("upstream_too_large", error(refused).getString("code"));
        }
        faulty.enqueueRaw(RawReply.huge("application/json", head, chunk, 16, end)); // 1 MiB: taken
        assertEquals(200, chat(false).statusCode());
        faulty.enqueueRaw(RawReply.never());
        assertEquals(504, chat(false).statusCode());

        JsonObject after = Gateway.object(gateway.admin("GET", "/api/runtime?gc=true", null).body());
        System.out.println("runtime before the faults: " + before + "; after: " + after);
        assertTrue(after.getInt("threads") <= before.getInt("threads") + 10, before + " -> " + after);
        assertTrue(after.getJsonNumber("openFileDescriptors").longValue()
                <= before.getJsonNumber("openFileDescriptors").longValue() + 20, before + " -> " + after);
        assertTrue(after.getJsonNumber("heapUsedBytes").longValue()
                < before.getJsonNumber("heapUsedBytes").longValue() + (64L << 20), before + " -> " + after);
    }
}
