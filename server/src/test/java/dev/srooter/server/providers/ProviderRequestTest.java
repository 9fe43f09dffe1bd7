package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model call as srooter builds it: the headers the JDK's builder would take, and written as they were given. */
class ProviderRequestTest {

    private static final URI URL = URI.create("http://127.0.0.1:8080/v1/messages?beta=true");

    private static boolean jdkTakes(String name, String value) {
        try {
            HttpRequest.newBuilder(URL).header(name, value);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static boolean takes(String name, String value) {
        try {
            new ProviderRequest(URL, "POST", null).header(name, value);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    @Test
    void itTakesTheHeadersTheJdksBuilderTakesAndRefusesTheOthers() {
        List<String> names = List.of("x-api-key", "Anthropic-Version", "x-stainless-os", "content-type", "host", "Host",
                "content-length", "connection", "expect", "upgrade", "bad name", "bad:name", "", "x(y)", "é", "a\r\nb",
                "x-ok_~!#$%&'*+.^`|");
        List<String> values = List.of("sk-test", "", "a b\tc", "line\r\nx-injected: 1", "nul\u0000", "del\u007f",
                "latin é", "wide \u4e2d", "bell\u0007");
        for (String name : names) {
            for (String value : values) {
                assertEquals(jdkTakes(name, value), takes(name, value), "[" + name + "]: [" + value + "]");
            }
        }
    }

    @Test
    void setReplacesEveryValueAndTheHeadIsWrittenAsGiven() {
        ProviderRequest request = new ProviderRequest(URL, "POST", Duration.ofSeconds(3))
                .header("x-api-key", "client").header("Anthropic-Beta", "a").header("anthropic-beta", "b")
                .header("accept", "application/json");
        request.setHeader("X-Api-Key", "srooter's");
        assertEquals("srooter's", request.first("x-api-key"));
        assertNull(request.first("authorization"));
        String head = new String(Http1Transport.head(request, 12), StandardCharsets.ISO_8859_1);
        assertEquals("POST /v1/messages?beta=true HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nuser-agent: srooter\r\n"
                + "anthropic-beta: a\r\nanthropic-beta: b\r\naccept: application/json\r\nx-api-key: srooter's\r\n"
                + "content-length: 12\r\n\r\n", head);
        HttpRequest jdk = request.toJdk(HttpRequest.BodyPublishers.noBody());
        assertEquals(Map.of("anthropic-beta", List.of("a", "b"), "accept", List.of("application/json"),
                "x-api-key", List.of("srooter's")), jdk.headers().map());
        assertEquals(Duration.ofSeconds(3), jdk.timeout().orElseThrow());
        assertEquals("POST", jdk.method());
        assertEquals(URL, jdk.uri());
        assertThrows(IllegalArgumentException.class, () -> request.setHeader("host", "elsewhere"));
    }
}
