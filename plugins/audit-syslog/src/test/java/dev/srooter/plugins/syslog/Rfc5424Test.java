package dev.srooter.plugins.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.AuditEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Rfc5424Test {

    @Test
    void theTextIsOneLineOfAsciiJsonThatReadsBackToTheFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", "a \"quoted\" \\ path\nwith a newline\tand a tab \u0001");
        fields.put("user", "Zoë 日本 \uD83D\uDE00");
        fields.put("cost", 2.505E-4);
        fields.put("tokens", 12L);
        fields.put("turn", 3);
        fields.put("streamed", true);
        fields.put("latency", Double.NaN);
        StringBuilder out = new StringBuilder();
        Rfc5424.json(fields, out);
        String json = out.toString();
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
        JsonObject back = Json.createReader(new StringReader(json)).readObject();
        assertEquals(fields.get("route"), back.getString("route"));
        assertEquals(fields.get("user"), back.getString("user"));
        assertEquals(2.505E-4, back.getJsonNumber("cost").doubleValue());
        assertEquals(12L, back.getJsonNumber("tokens").longValue());
        assertEquals(3, back.getInt("turn"));
        assertTrue(back.getBoolean("streamed"));
        assertTrue(back.isNull("latency"), "JSON has no NaN");
    }

    @Test
    void theHeaderFollowsRfc5424() {
        SyslogSettings settings = SyslogSettings.parse(Map.of("host", "h", "facility", "auth", "hostname", "gw-2"));
        AuditEvent event = AuditEvent.builder().id("r1").createdAt(Instant.parse("2026-12-07T22:02:46Z")).status(200)
                .build();
        String message = new String(Rfc5424.message(event, settings, 4242), StandardCharsets.US_ASCII);
        assertEquals("<38>1 2026-12-07T22:02:46Z gw-2 srooter 4242 audit - {\"id\":\"r1\",", message.substring(0,
                message.indexOf("\"createdAt\"")));
        AuditEvent undated = AuditEvent.builder().id("r2").status(503).build();
        assertTrue(new String(Rfc5424.message(undated, settings, 1), StandardCharsets.US_ASCII)
                .startsWith("<35>1 - gw-2 "), "no time: RFC 5424's nil value; auth is 4, a 5xx an error");
    }
}
