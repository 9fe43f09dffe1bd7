package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.RecordedRequest;
import dev.srooter.testkit.Reply;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client format served by a provider of each other format, driven by the official npm SDKs
 * ({@code testkit/clients/sdk-crossing.mjs}): a two-turn tool conversation, plain and streamed through the
 * SDKs' own stream helpers (which check the event sequence), with reasoning, usage, ids and a provider
 * error, each parsed by the SDK of the client's format.
 */
class TranslationIT {

    private static final String RESULT = "sunny, 21 degrees";
    private static final String FINAL = "It is sunny in Paris.";
    private static final String THOUGHT = "The user wants the weather; I should call the tool.";

    private final Gateway gateway = Gateway.get();

    @TempDir
    Path work;

    @BeforeEach
    @AfterEach
    void resetFakes() {
        gateway.anthropic.reset();
        gateway.openAi.reset();
        gateway.resetCredentials();
    }

    static Stream<Arguments> crossings() {
        String claude = Gateway.ANTHROPIC_PROVIDER + "/" + Gateway.CLAUDE;
        String chat = Gateway.OPENAI_CHAT_ONLY + "/" + Gateway.GPT;
        String responses = Gateway.OPENAI_RESPONSES_ONLY + "/" + Gateway.GPT;
        return Stream.of(
                Arguments.of("anthropic", chat, "OPENAI_CHAT"),
                Arguments.of("anthropic", responses, "OPENAI_RESPONSES"),
                Arguments.of("chat", claude, "ANTHROPIC_MESSAGES"),
                Arguments.of("chat", responses, "OPENAI_RESPONSES"),
                Arguments.of("responses", claude, "ANTHROPIC_MESSAGES"),
                Arguments.of("responses", chat, "OPENAI_CHAT"));
    }

    @ParameterizedTest(name = "{0} client, {2} provider")
    @MethodSource("crossings")
    void theClientSdkParsesEveryTranslatedAnswer(String client, String model, String providerFormat) throws Exception {
        gateway.ensurePinnedOpenAiProviders();
        FakeProvider fake = providerFormat.equals("ANTHROPIC_MESSAGES") ? gateway.anthropic : gateway.openAi;
        fake.setResponder(TranslationIT::weather);

        Path clients = Path.of(System.getProperty("srooter.clients.dir", "../testkit/clients")).toAbsolutePath();
        CliRun node = CliRun.run(work, clients, Map.of("SROOTER_URL", gateway.url, "SROOTER_KEY", gateway.key,
                "CLIENT", client, "MODEL", model), "node", "sdk-crossing.mjs");
        assertEquals(0, node.exitCode(), node.toString());
        JsonObject out = Gateway.object(node.stdout());

        for (String mode : List.of("whole", "stream")) {
            JsonObject run = out.getJsonObject(mode);
            String label = client + " " + mode + " via " + providerFormat;
            JsonObject call = run.getJsonObject("call");
            assertEquals("call_weather_1", call.getString("id"), label + ": the provider's call id reaches the client");
            assertEquals("get_weather", call.getString("name"), label);
            assertEquals("Paris", call.getJsonObject("args").getString("city"), label + ": arguments reassembled");
            assertEquals(switch (client) {
                case "anthropic" -> "tool_use";
                case "chat" -> "tool_calls";
                default -> "completed";
            }, run.getString("stop"), label);
            assertEquals(FINAL, run.getString("final"), label + ": the second turn's answer");
            assertEquals(model, run.getString("model"), label + ": the answer names the model the client asked for");
            JsonObject usage = run.getJsonObject("usage");
            assertEquals(80, usage.getInt("output"), label + ": output tokens");
            assertEquals(300, usage.getInt("cacheRead"), label + ": cache reads");
            if (!client.equals("chat")) {
                // Chat's SDK type has no reasoning field; the others show the provider's reasoning
                assertEquals(THOUGHT, run.getString("thinking"), label + ": reasoning text");
            }
        }

        // What the provider got: its own format, the tool result under the same id, the end user, and, when
        // the client could carry it, the reasoning state it made on the first turn.
        List<RecordedRequest> followUps = fake.received().stream().filter(r -> r.body().contains(RESULT)).toList();
        assertEquals(2, followUps.size(), "one follow-up per mode");
        for (RecordedRequest followUp : followUps) {
            assertTrue(followUp.pathAndQuery().startsWith(switch (providerFormat) {
                case "ANTHROPIC_MESSAGES" -> "/v1/messages";
                case "OPENAI_CHAT" -> "/v1/chat/completions";
                default -> "/v1/responses";
            }), followUp.pathAndQuery());
            assertTrue(followUp.body().contains("call_weather_1"), "the tool result answers the call's id");
            JsonObject sent = Gateway.object(followUp.body());
            String user = providerFormat.equals("ANTHROPIC_MESSAGES")
                    ? sent.getJsonObject("metadata").getString("user_id") : sent.getString("user");
            assertEquals("dev-7", user, "the end user the client named");
            boolean carriesState = !client.equals("chat") && !providerFormat.equals("OPENAI_CHAT");
            assertEquals(carriesState, followUp.body().contains(weather(null).opaqueState()),
                    "reasoning state back to its maker: " + followUp.body());
            assertFalse(followUp.body().contains("srooter1."), "no srooter envelope reaches a provider");
        }

        JsonObject error = out.getJsonObject("error");
        assertNotNull(error, "the failing call failed");
        assertEquals(429, error.getInt("status"));
        assertEquals(client.equals("anthropic") ? "rate_limit_error" : "rate_limit_exceeded",
                error.getString("type"), "the error in the client's own format: " + error);
    }

    /** The fake model: call get_weather (thinking first) until the result is there, then answer. */
    private static Reply weather(JsonObject request) {
        if (request != null && request.toString().contains("fail-429")) {
            return Reply.error(429);
        }
        if (request != null && request.toString().contains(RESULT)) {
            return Reply.text(FINAL);
        }
        return Reply.toolCall("call_weather_1", "get_weather", "{\"city\":\"Paris\"}").withThinking(THOUGHT);
    }
}
