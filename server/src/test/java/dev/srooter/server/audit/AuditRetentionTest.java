package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.admin.AdminEvents;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit retention on a real Derby: what is older than the days kept goes, what is younger stays. */
class AuditRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path folder;

    private DataSource database;
    private Sql sql;
    private AuditRetention retention;

    /** The change log's entries, as the retention writes them. */
    private final List<String> changes = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        on(EmbeddedDerby.open(folder.resolve("db")));
    }

    /** The retention over this database ({@link AuditRetentionOnPostgresIT} gives a PostgreSQL one). */
    AuditRetentionTest on(DataSource database) {
        this.database = database;
        sql = new Sql(database);
        retention = new AuditRetention();
        retention.sql = sql;
        retention.events = new AdminEvents() {
            @Override
            public void record(String username, String role, String method, String path, int status, String detail) {
                changes.add(username + " " + role + " " + method + " " + path + " " + status + ": " + detail);
            }
        };
        return this;
    }

    /** {@code count} records created {@code age} before {@link #NOW}, one millisecond apart, ids starting with prefix. */
    private void store(String prefix, Duration age, int count) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = prefix + i;
            r.createdAt = NOW.minus(age).plusMillis(i);
            r.endpoint = "/v1/messages";
            r.status = 200;
            records.add(r);
        }
        new AuditStore(database).saveAll(records);
    }

    private List<String> ids() {
        return sql.query("SELECT id FROM audit_records ORDER BY id", row -> row.getString(1));
    }

    @Test
    void removesWhatIsOlderThanTheDaysKeptAndKeepsTheRest() {
        store("old-", Duration.ofDays(40), 3);
        store("edge-", Duration.ofDays(35).minusMinutes(1), 2); // a minute younger than 35 days: kept
        store("new-", Duration.ofDays(1), 2);

        assertEquals(3, retention.removeOlderThan(35, NOW));

        assertEquals(List.of("edge-0", "edge-1", "new-0", "new-1"), ids());
        assertEquals(1, changes.size(), "one entry in the change log: " + changes);
        assertTrue(changes.get(0).startsWith("srooter system DELETE /api/audit (retention) 200: removed 3 audit"
                + " records created before 2026-11-02T12:00:00Z"), changes.get(0));
    }

    @Test
    void aBacklogOfManyChunksGoesWhole() {
        store("old-", Duration.ofDays(400), AuditRetention.CHUNK * 2 + 7);
        store("new-", Duration.ofDays(2), 1);

        assertEquals(AuditRetention.CHUNK * 2 + 7, retention.removeOlderThan(35, NOW));

        assertEquals(List.of("new-0"), ids());
        assertEquals(1, changes.size(), "one entry for the whole pass: " + changes);
    }

    @Test
    void aPassCutShortByAFailureStillSaysWhatItRemoved() {
        store("old-", Duration.ofDays(90), AuditRetention.CHUNK + 10);
        retention.sql = new Sql(database) {
            private int deletes;

            @Override
            public int update(String statement, Object... args) {
                if (statement.startsWith("DELETE") && ++deletes == 2) {
                    throw new IllegalStateException("database: connection lost");
                }
                return super.update(statement, args);
            }
        };

        assertThrows(IllegalStateException.class, () -> retention.removeOlderThan(35, NOW));

        assertEquals(10, ids().size(), "the second chunk's records are still there");
        assertEquals(1, changes.size(), "" + changes);
        assertTrue(changes.get(0).contains("removed " + AuditRetention.CHUNK + " audit records"), changes.get(0));
    }

    @Test
    void nothingOldNothingRemovedAndNothingInTheChangeLog() {
        store("new-", Duration.ofDays(3), 4);

        assertEquals(0, retention.removeOlderThan(35, NOW));
        assertEquals(0, retention.removeOlderThan(0, NOW), "0 keeps every record");

        assertEquals(4, ids().size());
        assertEquals(List.of(), changes);
    }

    @Test
    void keepingForEverIsTheDefaultAndNoRetentionIsUnderAMonthOfBudgets() {
        store("old-", Duration.ofDays(3_000), 2);
        assertEquals(0, retention.removeOlderThan(AuditRetention.days(0), NOW));
        assertEquals(2, ids().size());

        assertEquals(0, AuditRetention.days(0));
        assertEquals(0, AuditRetention.days(-5));
        assertEquals(AuditRetention.MIN_DAYS, AuditRetention.days(7), "a week would let a monthly cap's spend go");
        assertEquals(AuditRetention.MIN_DAYS, AuditRetention.days(AuditRetention.MIN_DAYS));
        assertEquals(400, AuditRetention.days(400));
    }

    @Test
    void theStatusSaysWhatIsKeptAndHowTheLastPassWent() throws Exception {
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try {
            assertEquals(null, retention.schedule(scheduler, 0));
            assertEquals("off: every record is kept", retention.status());
            java.util.concurrent.ScheduledFuture<?> scheduled = retention.schedule(scheduler, 40);
            long delay = scheduled.getDelay(java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(delay > 280 && delay <= 300, "the first pass five minutes on, out of the way of a node's first"
                    + " requests: " + delay + " s");
            assertEquals("40 days; the first pass comes 5 minutes after start", retention.status());
            scheduled.cancel(false);
        } finally {
            scheduler.shutdownNow();
        }
        store("old-", Duration.ofDays(45), 3);
        retention.pass(40);
        assertTrue(retention.status().matches("40 days; last pass \\S+Z: 3 removed"), retention.status());
    }

    @Test
    void theScheduledPassOutlivesADatabaseThatRefuses() {
        retention.sql = new Sql((DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused", "08001");
                }));

        retention.pass(35); // logged, not thrown: a scheduled task that throws is never run again

        assertEquals(List.of(), changes);
    }
}
