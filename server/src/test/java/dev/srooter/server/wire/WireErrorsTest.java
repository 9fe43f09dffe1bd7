package dev.srooter.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.api.WireFormat;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class WireErrorsTest {

    private static JsonObject parse(byte[] body) {
        return Json.createReader(new ByteArrayInputStream(body)).readObject();
    }

    @Test
    void anthropicClientsGetAnthropicErrors() {
        JsonObject body = parse(WireErrors.body(WireFormat.ANTHROPIC_MESSAGES,
                new GatewayError(404, "model_not_found", "no \"such\" model")));
        assertEquals("error", body.getString("type"));
        assertEquals("not_found_error", body.getJsonObject("error").getString("type"));
        assertEquals("no \"such\" model", body.getJsonObject("error").getString("message"));
    }

    @Test
    void openAiClientsGetOpenAiErrors() {
        JsonObject error = parse(WireErrors.body(WireFormat.OPENAI_RESPONSES,
                new GatewayError(413, "request_too_large", "too big"))).getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertEquals("request_too_large", error.getString("code"));
        assertEquals("too big", error.getString("message"));
        assertEquals("server_error", parse(WireErrors.body(WireFormat.OPENAI_CHAT,
                new GatewayError(502, "upstream_unreachable", "down"))).getJsonObject("error").getString("type"));
    }

    @Test
    void streamErrorEventsAreValidEvents() {
        GatewayError cut = new GatewayError(502, "upstream_stream_cut", "cut");
        String anthropic = WireErrors.streamEvent(WireFormat.ANTHROPIC_MESSAGES, cut);
        assertEquals("event: error", anthropic.lines().findFirst().orElseThrow());
        JsonObject data = Json.createReader(new java.io.StringReader(anthropic.lines().skip(1).findFirst()
                .orElseThrow().substring(6))).readObject();
        assertEquals("api_error", data.getJsonObject("error").getString("type"));
        String responses = WireErrors.streamEvent(WireFormat.OPENAI_RESPONSES, cut);
        assertEquals("upstream_stream_cut", Json.createReader(new java.io.StringReader(responses.lines().skip(1)
                .findFirst().orElseThrow().substring(6))).readObject().getString("code"));
    }
}
