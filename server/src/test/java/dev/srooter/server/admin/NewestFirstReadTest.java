package dev.srooter.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.EmbeddedDerby;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page reads the newest 25 audit records every two seconds. On a real Derby, migrated as the server migrates
 * its own, that read must come from an index in its order and stop there: without one, Derby sorted the whole table
 * on every read (140-370 ms at 160,000 records, and growing with the table). Derby weighs the plans by the table's
 * size: at 10,000 records it still chose to sort, at 20,000 the index.
 */
class NewestFirstReadTest {

    private static final int ROWS = 20_000;

    @TempDir
    Path folder;

    /** One written record: its id and its instant. */
    private record Written(String id, Instant at) {
    }

    private record Read(List<String> ids, String plan) {
    }

    @Test
    void theNewestRecordsComeFromTheIndexInTheirOrderWithoutSortingTheTable() throws Exception {
        DataSource ds = EmbeddedDerby.open(folder.resolve("db"));
        List<Written> written = write(ds);
        written.sort(Comparator.comparing(Written::at).thenComparing(Written::id).reversed());
        List<String> expected = written.subList(0, 25).stream().map(Written::id).toList();

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Read read = read(s);
            assertEquals(expected, read.ids(), "the 25 newest, ties on the instant broken by id, newest first");
            assertTrue(read.plan().contains("AUDIT_RECORDS_NEWEST"), read.plan());
            assertFalse(read.plan().contains("Sort ResultSet"), read.plan());

            // the same read without the index: the same rows, sorted from the whole table (what the plan check guards)
            s.execute("DROP INDEX audit_records_newest");
            Read without = read(s);
            assertEquals(expected, without.ids());
            assertTrue(without.plan().contains("Sort ResultSet"), without.plan());
        }
    }

    private static Read read(Statement s) throws Exception {
        s.execute("CALL SYSCS_UTIL.SYSCS_SET_RUNTIMESTATISTICS(1)");
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(StatsResource.recentSql(25))) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        try (ResultSet rs = s.executeQuery("VALUES SYSCS_UTIL.SYSCS_GET_RUNTIMESTATISTICS()")) {
            rs.next();
            return new Read(ids, rs.getString(1));
        }
    }

    /** {@link #ROWS} records, three to an instant, their ids in no order of their instants. */
    private static List<Written> write(DataSource ds) throws Exception {
        List<Written> written = new ArrayList<>();
        Instant start = Instant.parse("2026-12-06T10:00:00Z");
        try (Connection c = ds.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO audit_records"
                + " (id, created_at, endpoint, streamed, input_tokens, output_tokens, cache_read_tokens,"
                + " cache_write_tokens, cost_usd, price_known, latency_ms, status)"
                + " VALUES (?, ?, '/v1/messages', false, 10, 20, 0, 0, 0.001, true, 12.5, 200)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                Written w = new Written(String.format("r%05d", (i * 7_919) % ROWS), start.plusMillis(i / 3));
                insert.setString(1, w.id());
                insert.setTimestamp(2, Timestamp.from(w.at()));
                insert.addBatch();
                written.add(w);
            }
            insert.executeBatch();
            c.commit();
        }
        return written;
    }
}
