package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Writes audit records as CSV (one header row) or JSON Lines, page by page. */
public final class AuditExport {

    static final String[] COLUMNS = {"id", "created_at", "key_id", "username", "endpoint", "requested_model",
        "served_model", "provider", "route", "streamed", "input_tokens", "output_tokens", "cache_read_tokens",
        "cache_write_tokens", "cost_usd", "price_known", "latency_ms", "ttfb_ms", "status", "error_type",
        "prompt_sha256", "intent", "intent_confidence", "attempts", "team", "policies", "skills", "risk_score", "risk", "task", "turn", "context_notes"};

    private static final int PAGE = 1000;
    private static final Jsonb JSONB = JsonbBuilder.create();

    private AuditExport() {
    }

    public static void csv(AuditStore store, AuditQuery query, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        for (int offset = 0; ; offset += PAGE) {
            List<AuditRecord> page = store.page(query, offset, PAGE);
            for (AuditRecord r : page) {
                Object[] cells = {r.id, r.createdAt, r.keyId, r.username, r.endpoint, r.requestedModel,
                    r.servedModel, r.provider, r.route, r.streamed, r.inputTokens, r.outputTokens, r.cacheReadTokens,
                    r.cacheWriteTokens, String.format(Locale.ROOT, "%.6f", r.costUsd), r.priceKnown,
                    String.format(Locale.ROOT, "%.3f", r.latencyMs),
                    r.ttfbMs == null ? null : String.format(Locale.ROOT, "%.3f", r.ttfbMs), r.status, r.errorType,
                    r.promptSha256, r.intent,
                    r.intentConfidence == null ? null : String.format(Locale.ROOT, "%.3f", r.intentConfidence),
                    r.attempts, r.team, r.policies, r.skills, r.riskScore, r.risk, r.task, r.turn, r.contextNotes};
                for (int k = 0; k < cells.length; k++) {
                    if (k > 0) {
                        out.write(',');
                    }
                    out.write(CsvCell.of(cells[k]));
                }
                out.write("\r\n");
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        out.flush();
    }

    public static void jsonLines(AuditStore store, AuditQuery query, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        for (int offset = 0; ; offset += PAGE) {
            List<AuditRecord> page = store.page(query, offset, PAGE);
            for (AuditRecord record : page) {
                out.write(JSONB.toJson(record));
                out.write('\n');
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        out.flush();
    }
}
