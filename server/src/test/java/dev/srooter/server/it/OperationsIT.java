package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Operations on the ecosystem's terms, over HTTP: MicroProfile Health's readiness and liveness (database, plugins,
 * the audit writer and its backlog; providers reported but never judged) and Prometheus metrics at /metrics, counted
 * from every audit record.
 */
class OperationsIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void readinessAndLivenessSayWhatTheyChecked() {
        HttpResponse<String> ready = gateway.send("GET", "/health/ready", List.of(), null);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject body = Gateway.object(ready.body());
        assertEquals("UP", body.getString("status"));
        JsonObject data = body.getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertTrue(data.getString("database").startsWith("ok"), data.toString());
        assertTrue(data.getString("plugins").contains("provider kinds"), data.toString());
        assertTrue(data.getString("providers").contains("reported, not judged"), data.toString());
        assertTrue(data.containsKey("auditBacklog"));
        assertTrue(data.getString("auditRetention").startsWith("36500 days; "), "SROOTER_AUDIT_RETENTION_DAYS as the"
                + " build sets it for this server, scheduled: " + data);
        // SROOTER_BACKUP_EVERY_HOURS and SROOTER_BACKUP_KEEP, set in bootstrap.properties: scheduled on Derby only
        assertEquals("postgresql".equals(System.getProperty("srooter.db")) ? "not scheduled"
                : "every 24 hours, the newest 3 kept; the first comes 24 hours after start", data.getString("backups"));

        assertEquals(200, gateway.send("GET", "/health/started", List.of(), null).statusCode(), "the startup probe");
        HttpResponse<String> live = gateway.send("GET", "/health/live", List.of(), null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"auditWriter\":\"running\""), live.body());
    }

    @Test
    void metricsCountRequestsTokensAndCostInPrometheusFormat() {
        double before = requests(scrape());
        for (int k = 0; k < 3; k++) {
            assertEquals(200, gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                    + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode());
        }
        String text = scrape();
        assertTrue(text.contains("# TYPE srooter_requests_total counter"), text);
        assertEquals(before + 3, requests(text), 0.0, "three more requests counted");
        assertTrue(Pattern.compile("srooter_tokens_total\\{[^}]*direction=\"input\"[^}]*model=\"" + Gateway.CLAUDE)
                .matcher(text).find(), "tokens by model");
        assertTrue(Pattern.compile("srooter_cost_usd\\{[^}]*model=\"" + Gateway.CLAUDE + "\"").matcher(text).find(),
                "cost by model");
        assertTrue(text.contains("# TYPE srooter_request_duration_seconds histogram"), "latency, as a histogram");
        assertTrue(Pattern.compile("srooter_request_duration_seconds_bucket\\{[^}]*endpoint=\"messages\"[^}]*le=\"0\\.25\"")
                .matcher(text).find(), "its buckets, which sum across nodes");
        assertFalse(Pattern.compile("srooter_(request_duration|audit_paced)_seconds\\{[^}]*quantile=").matcher(text).find(),
                "no quantile summaries: each kept a 224 KB histogram replaced every 40 s (bench/README.md)");
        assertTrue(text.contains("srooter_audit_queue_depth"), "the audit backlog");
        assertTrue(text.contains("srooter_audit_paced_seconds_count"), "requests that waited for the audit writer");
        assertTrue(text.contains("srooter_budget_headroom_min_usd"), "budget headroom");
        assertTrue(Pattern.compile("(?m)^srooter_heap_margin_bytes(\\{[^}]*\\})? 9437184(\\.0)?$").matcher(text).find(),
                "the heap margin watches the server's old generation (8 MB by default; 9 as the build sets"
                        + " SROOTER_HEAP_MARGIN_MB in this server's bootstrap.properties): " + text.lines()
                        .filter(l -> l.startsWith("srooter_heap")).toList());
        assertTrue(text.contains("srooter_heap_margin_collections"), "and counts the collections it calls");
    }

    @Test
    void theAdminApiCanBeBrowsed() {
        HttpResponse<String> ui = gateway.send("GET", "/openapi/ui/", List.of(), null);
        assertEquals(200, ui.statusCode(), ui.body());
        assertTrue(ui.body().toLowerCase(java.util.Locale.ROOT).contains("<html"), "a page");
        HttpResponse<String> document = gateway.send("GET", "/openapi", List.of(), null);
        assertEquals(200, document.statusCode());
        assertTrue(document.body().contains("/api/providers"), "the document the page browses names the admin API");
    }

    private String scrape() {
        HttpResponse<String> metrics = gateway.send("GET", "/metrics?scope=application", List.of(), null);
        assertEquals(200, metrics.statusCode(), metrics.body());
        assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"),
                metrics.headers().map().toString());
        return metrics.body();
    }

    /** The successful Messages requests counted so far. */
    private static double requests(String text) {
        Matcher m = Pattern.compile("^srooter_requests_total\\{([^}]*)\\} ([0-9.eE+]+)$", Pattern.MULTILINE)
                .matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("endpoint=\"messages\"") && m.group(1).contains("status=\"2xx\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
