package dev.srooter.server.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.srooter.server.audit.AuditStore;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The budgets page's spend per UTC day for the org, read from the audit's sums by hour, equals the same days summed
 * from every record, as {@code Budgets.daily} summed them before (the oracle below is its former SQL), on a real
 * embedded Derby migrated as the server migrates its own. In UTC; in a zone half an hour off it, where midnight UTC
 * cuts a stored hour and that hour is read from its records; over New York's night the clocks go back (one stored
 * hour holds two real ones); and over Lord Howe's, where they go back by half an hour. (PostgreSQL:
 * {@code DailySpendOnPostgresIT}.)
 */
class DailySpendTest {

    private static final String[] ENDPOINTS = {"/v1/messages", "/v1/chat/completions", "/v1/responses", "council",
            "council-review"};

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"UTC, 2026-10-30T20:10:00Z", "Asia/Kolkata, 2026-10-30T20:10:00Z",
            "America/New_York, 2026-10-30T20:10:00Z", "Australia/Lord_Howe, 2026-04-03T09:50:00Z"})
    void theOrgsDaysFromTheSumsByHourEqualTheDaysOfEveryRecord(String zone, Instant start) throws Exception {
        inZone(zone, () -> check(EmbeddedDerby.open(folder.resolve("db")), start));
    }

    interface Work {
        void run() throws Exception;
    }

    /** {@code work} with the JVM's zone (the zone JDBC stores wall-clock times in) set to {@code zone}. */
    static void inZone(String zone, Work work) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            work.run();
        } finally {
            TimeZone.setDefault(before);
        }
    }

    /** 3,000 records over 100 hours from {@code start}, then the days from five UTC midnights, each both ways. */
    static void check(DataSource ds, Instant start) {
        Sql sql = new Sql(ds);
        write(new AuditStore(ds), new Random(11), 3_000, start, Duration.ofHours(100));
        Budgets budgets = new Budgets();
        budgets.sql = sql;
        Instant firstDay = LocalDate.ofInstant(start, ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int d = -1; d <= 3; d++) {
            Instant since = firstDay.plus(Duration.ofDays(d));
            assertEquals(scanned(sql, since, 6), budgets.daily(Budgets.ORG, since, 6), "from " + since);
        }

        // and read from the sums indeed: a cent more in one whole hour of the second day shows on that day
        Instant since = firstDay.minus(Duration.ofDays(1));
        Map<String, BigDecimal> days = budgets.daily(Budgets.ORG, since, 6);
        sql.update("UPDATE audit_hourly SET cost_usd = cost_usd + 0.01 WHERE hour_start = (SELECT MIN(hour_start)"
                + " FROM audit_hourly WHERE hour_start >= ?)", firstDay.plus(Duration.ofHours(30)));
        assertNotEquals(days, budgets.daily(Budgets.ORG, since, 6), "the org's days come from audit_hourly");
    }

    /** The former days: every record's cost added to its instant's UTC day, rounded as the budgets' sums are. */
    private static Map<String, BigDecimal> scanned(Sql sql, Instant since, int days) {
        Map<String, BigDecimal> byDay = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            byDay.put(since.plus(Duration.ofDays(i)).toString().substring(0, 10), BigDecimal.ZERO);
        }
        sql.query("SELECT created_at, cost_usd FROM audit_records WHERE created_at >= ?", row -> {
            byDay.merge(row.getTimestamp(1).toInstant().toString().substring(0, 10),
                    BigDecimal.valueOf(row.getDouble(2)), BigDecimal::add);
            return null;
        }, since);
        byDay.replaceAll((day, spent) -> spent.signum() == 0 ? BigDecimal.ZERO
                : spent.setScale(10, RoundingMode.HALF_UP));
        return byDay;
    }

    /** {@code count} records at random instants in {@code span} from {@code from}, in batches of random size. */
    private static void write(AuditStore store, Random random, int count, Instant from, Duration span) {
        List<AuditRecord> batch = new ArrayList<>();
        int size = 1 + random.nextInt(500);
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = UUID.randomUUID().toString();
            r.createdAt = from.plusMillis((long) (random.nextDouble() * span.toMillis()));
            r.endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            r.route = "as requested";
            r.servedModel = "claude-sonnet-4-5";
            r.status = 200;
            // a review's conclusion costs nothing (its members' calls carry the cost), as MemberCalls writes it
            r.costUsd = "council-review".equals(r.endpoint) ? 0 : random.nextInt(1000) / 7919.0;
            r.latencyMs = 10;
            r.priceKnown = true;
            batch.add(r);
            if (batch.size() == size || i == count - 1) {
                store.saveAll(batch);
                batch = new ArrayList<>();
                size = 1 + random.nextInt(500);
            }
        }
    }
}
