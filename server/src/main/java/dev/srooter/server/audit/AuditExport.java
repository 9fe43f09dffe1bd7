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

    /** Made at the first JSON export only. */
    private static final class Json {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private interface Row {
        void write(AuditRecord record) throws IOException;
    }

    private AuditExport() {
    }

    public static void csv(AuditStore store, AuditQuery query, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        each(store, query, r -> {
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
        });
        out.flush();
    }

    public static void jsonLines(AuditStore store, AuditQuery query, OutputStream target) throws IOException {
        Writer out = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        each(store, query, record -> {
            out.write(Json.JSONB.toJson(record));
            out.write('\n');
        });
        out.flush();
    }

    /** Every matching record, oldest first, a page at a time, each page read from where the last ended. */
    private static void each(AuditStore store, AuditQuery query, Row row) throws IOException {
        for (AuditRecord last = null; ; ) {
            List<AuditRecord> page = store.pageAfter(query, last, PAGE);
            for (AuditRecord record : page) {
                row.write(record);
            }
            if (page.size() < PAGE) {
                return;
            }
            last = page.get(page.size() - 1);
        }
    }
}
