package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry traces of a request's stages: the Derby IT server turns the runtime's OpenTelemetry on with the
 * logging exporter (off by default; OTLP in production), so a request's spans can be read back from messages.log:
 * the request's own span with its id, and a child span per stage, in one trace, without the prompt.
 */
class TracingIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void aRequestsStagesAreSpansOfOneTrace() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("srooter.otel.logging"), "only the Derby server exports spans");
        String secret = "a-prompt-that-must-not-be-traced-" + System.nanoTime();
        HttpResponse<String> answer = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"" + secret + "\"}]}");
        String id = answer.headers().firstValue("x-srooter-request-id").orElseThrow();
        Path log = gateway.logDir().resolve("messages.log");
        String trace = null;
        List<String> lines = List.of();
        for (int k = 0; k < 40 && trace == null; k++) {
            Gateway.sleep(250); // spans are exported in batches
            lines = Files.readAllLines(log);
            for (String line : lines) {
                if (line.contains("'srooter messages'") && line.contains(id)) {
                    Matcher m = Pattern.compile("'srooter messages' : ([0-9a-f]{32}) ").matcher(line);
                    trace = m.find() ? m.group(1) : null;
                }
            }
        }
        assertNotNull(trace, "the request's span, with its id, in messages.log");
        String traceId = trace;
        List<String> spans = lines.stream().filter(l -> l.contains(traceId)).toList();
        for (String stage : List.of("Authenticate", "ReadRequest", "Route", "Dispatch", "RecordAudit")) {
            assertTrue(spans.stream().anyMatch(l -> l.contains("'srooter stage " + stage + "'")),
                    stage + " is a span of the request's trace: " + spans);
        }
        assertFalse(spans.stream().anyMatch(l -> l.contains(secret)), "no prompt in a span");
        assertFalse(spans.stream().anyMatch(l -> l.contains(gateway.key)), "no key in a span");
    }
}
