package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.EmbeddedDerby;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer's batch insert on a real Derby. It sends its rows in statements of one row (a writer that keeps up) or of
 * {@link AuditStore#SLICE} (a writer behind) and gives up the processor between them (so a batch does not hold a core
 * from the request threads), and must still be one transaction: a batch the database refuses in its last statement
 * keeps none of the statements sent before it, so that {@code AuditLog.save} can retry it record by record without
 * writing any twice. Every test runs with a batch of each kind.
 */
class AuditStoreBatchTest {

    @TempDir
    Path folder;

    private AuditStore store() throws Exception {
        AuditStore store = new AuditStore();
        store.dataSource = EmbeddedDerby.open(folder.resolve("db"));
        return store;
    }

    private static List<AuditRecord> records(String prefix, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = prefix + i;
            r.createdAt = Instant.parse("2026-12-04T10:00:00Z").plusMillis(i);
            r.endpoint = "/v1/messages";
            r.status = 200;
            records.add(r);
        }
        return records;
    }

    private static int rows(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM audit_records")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A batch of a writer that keeps up (one row a statement) and of one behind (whole slices and a part of one). */
    private static final int QUIET = 37;
    private static final int BUSY = 600 + AuditStore.SLICE * 2 + 5;

    @Test
    void aWriterThatKeepsUpWritesOneRowAStatementAndOneBehindSixteen() {
        assertEquals(1, AuditStore.rowsPerStatement(false));
        assertEquals(AuditStore.SLICE, AuditStore.rowsPerStatement(true));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBatchOfManyStatementsIsWrittenWhole(boolean behind) throws Exception {
        AuditStore store = store();
        int count = behind ? BUSY : QUIET;
        store.saveAll(records("a", count), behind);
        assertEquals(count, rows(store.dataSource));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBatchRefusedInItsLastStatementKeepsNoneOfTheStatementsBefore(boolean behind) throws Exception {
        AuditStore store = store();
        store.saveAll(records("first", 1));
        List<AuditRecord> batch = records("b", behind ? BUSY : QUIET);
        batch.get(batch.size() - 1).id = "first0"; // already stored: the database refuses the last row
        assertTrue(batch.size() > 2 * AuditStore.rowsPerStatement(behind),
                "two statements go to the database before the refused row");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> store.saveAll(batch, behind));
        assertTrue(AuditStore.refusedForItsContent(refused), "refused for what the record holds: " + refused);
        assertEquals(1, rows(store.dataSource), "none of the batch's rows is kept");
    }

    /** Every field of every row lands in its own column, in one-row statements, whole slices and the rest. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyFieldOfEveryRowIsStoredInItsColumn(boolean behind) throws Exception {
        AuditStore store = store();
        int count = behind ? BUSY : QUIET;
        List<AuditRecord> batch = records("f", count);
        for (int i = 0; i < batch.size(); i++) {
            AuditRecord r = batch.get(i);
            r.keyId = "key" + i;
            r.username = "user" + i;
            r.requestedModel = "asked" + i;
            r.servedModel = "served" + i;
            r.provider = "provider" + i;
            r.route = "route" + i;
            r.streamed = i % 2 == 0;
            r.inputTokens = 1000 + i;
            r.outputTokens = 2000 + i;
            r.cacheReadTokens = 3000 + i;
            r.cacheWriteTokens = 4000 + i;
            r.costUsd = i / 100.0;
            r.priceKnown = i % 3 == 0;
            r.latencyMs = i + 0.5;
            r.ttfbMs = i % 2 == 0 ? null : i + 0.25;
            r.status = 200 + i;
            r.errorType = "error" + i;
            r.promptSha256 = "sha" + i;
            r.intent = "intent" + i;
            r.intentConfidence = i % 2 == 0 ? i / 50.0 : null;
            r.attempts = "attempts" + i;
            r.team = "team" + i;
            r.policies = "policies" + i;
            r.skills = "skills" + i;
            r.riskScore = i % 2 == 0 ? null : i;
            r.risk = "risk" + i;
            r.task = "task" + i;
            r.turn = i % 2 == 0 ? i : null;
            r.contextNotes = "notes" + i;
        }
        store.saveAll(batch, behind);
        try (Connection c = store.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, created_at, key_id, username, endpoint, requested_model, served_model, provider, route,"
                        + " streamed, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd,"
                        + " price_known, latency_ms, ttfb_ms, status, error_type, prompt_sha256, intent,"
                        + " intent_confidence, attempts, team, policies, skills, risk_score, risk, task, turn,"
                        + " context_notes FROM audit_records")) {
            int seen = 0;
            while (rs.next()) {
                int i = Integer.parseInt(rs.getString(1).substring(1));
                AuditRecord r = batch.get(i);
                List<Object> expected = List.of(r.id, r.createdAt, r.keyId, r.username, r.endpoint, r.requestedModel,
                        r.servedModel, r.provider, r.route, r.streamed, r.inputTokens, r.outputTokens,
                        r.cacheReadTokens, r.cacheWriteTokens, r.costUsd, r.priceKnown, r.latencyMs,
                        String.valueOf(r.ttfbMs), r.status, r.errorType, r.promptSha256, r.intent,
                        String.valueOf(r.intentConfidence), r.attempts, r.team, r.policies, r.skills,
                        String.valueOf(r.riskScore), r.risk, r.task, String.valueOf(r.turn), r.contextNotes);
                List<Object> stored = List.of(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getBoolean(10), rs.getLong(11), rs.getLong(12), rs.getLong(13),
                        rs.getLong(14), rs.getDouble(15), rs.getBoolean(16), rs.getDouble(17),
                        String.valueOf(rs.getObject(18)), rs.getInt(19), rs.getString(20), rs.getString(21),
                        rs.getString(22), String.valueOf(rs.getObject(23)), rs.getString(24), rs.getString(25),
                        rs.getString(26), rs.getString(27), String.valueOf(rs.getObject(28)), rs.getString(29),
                        rs.getString(30), String.valueOf(rs.getObject(31)), rs.getString(32));
                assertEquals(expected, stored, "row " + i);
                seen++;
            }
            assertEquals(batch.size(), seen);
        }
    }
}
