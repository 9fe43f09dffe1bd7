package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.testkit.FakeProvider;
import dev.srooter.testkit.RecordedRequest;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real requests captured from Claude Code and Codex CLI ({@code ../shared/fixtures}), replayed through the
 * gateway: the provider must receive the same bytes, query string and headers the client sent, but for the
 * credential and hop-by-hop headers.
 */
class CapturedClientRequestsIT {

    private static final Set<String> NOT_EXPECTED_UPSTREAM = Set.of("x-api-key", "authorization", "host",
            "content-length", "connection", "accept-encoding");

    private final Gateway gateway = Gateway.get();

    static Stream<Path> fixtures() throws IOException {
        Path root = Path.of(System.getProperty("srooter.fixtures.dir", "../../shared/fixtures"));
        assertTrue(Files.isDirectory(root), "fixtures folder " + root.toAbsolutePath() + " is missing");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(found.size() >= 4, "expected the captured Claude Code and Codex requests, found " + found);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void passesACapturedRequestThroughUnchanged(Path fixture) throws IOException {
        JsonObject captured = Gateway.object(Files.readString(fixture));
        String url = captured.getString("url");
        String body = captured.getJsonObject("body").toString();
        FakeProvider fake = url.startsWith("/v1/messages") ? gateway.anthropic : gateway.openAi;
        fake.reset();
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, jakarta.json.JsonValue> h : captured.getJsonObject("headers").entrySet()) {
            if (!NOT_EXPECTED_UPSTREAM.contains(h.getKey())) {
                headers.add(h.getKey());
                headers.add(((jakarta.json.JsonString) h.getValue()).getString());
            }
        }
        headers.addAll(List.of("authorization", "Bearer " + gateway.key));

        HttpResponse<String> response = gateway.send("POST", url, headers, body);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("data:"), "the captured requests stream");
        RecordedRequest forwarded = fake.lastRequest();
        assertEquals(body, forwarded.body(), "body of " + fixture.getFileName());
        assertEquals(url, forwarded.pathAndQuery());
        for (int i = 0; i < headers.size() - 2; i += 2) {
            assertEquals(headers.get(i + 1), forwarded.header(headers.get(i)), "header " + headers.get(i));
        }
    }
}
