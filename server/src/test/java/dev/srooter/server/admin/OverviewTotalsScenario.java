package dev.srooter.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.srooter.server.audit.AuditStore;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.Scripts;
import dev.srooter.server.store.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The console overview's totals read from the sums by hour must equal the same totals summed from every record, as
 * the overview summed them before (the oracle below is its former SQL). On a migrated database: records written
 * before the sums existed (summed by the migration), then batches through the audit writer's store (summed in their
 * transaction), read from instants on an hour, inside an hour and before everything.
 */
final class OverviewTotalsScenario {

    private static final String CALLS = " AND endpoint <> 'council-review'";
    private static final String[] ROUTES = {"rule:trivial->cheapest", "as requested", "learned:abc", null};
    private static final String[] MODELS = {"claude-sonnet-4-5", "gpt-5-mini", "deepseek-chat", null};
    private static final String[] ENDPOINTS = {"/v1/messages", "/v1/chat/completions", "/v1/responses", "council",
            "council-review"};
    private static final int[] STATUSES = {200, 200, 200, 200, 429, 502, 400};

    private final Random random = new Random(7);
    private final Instant start = Instant.parse("2026-12-01T22:10:00Z");
    private final DataSource ds;
    private final Sql sql;
    private final AuditStore store;

    OverviewTotalsScenario(DataSource migrated) {
        this.ds = migrated;
        this.sql = new Sql(migrated);
        this.store = new AuditStore(migrated);
    }

    void run() throws Exception {
        // 1,500 records over the first 30 hours, then the sums dropped and summed again by the migration, as on a
        // database that had records before it had the sums
        write(1_500, start, Duration.ofHours(30));
        Scripts.recreate(ds, List.of("audit_hourly"), "V21__audit_hourly.sql");
        // then 2,500 more through the writer's store, in batches of 1 to 700, some into hours already summed
        write(2_500, start.plus(Duration.ofHours(20)), Duration.ofHours(40));

        StatsResource stats = new StatsResource();
        stats.sql = sql;
        List<Instant> froms = List.of(start.minus(Duration.ofDays(2)), Instant.parse("2026-12-02T00:00:00Z"),
                Instant.parse("2026-12-02T05:30:00.500Z"), Instant.parse("2026-12-02T17:59:59.999Z"),
                start.plus(Duration.ofHours(59)), start.plus(Duration.ofHours(90)));
        for (Instant from : froms) {
            assertEquals(scanned("CASE WHEN endpoint = 'council' THEN 'council reviews' ELSE COALESCE(route,"
                    + " '(refused)') END", from), keyed(stats.byRoute(from)), "by route from " + from);
            assertEquals(scanned("COALESCE(served_model, '(none)')", from), keyed(stats.byModel(from)),
                    "by model from " + from);
            assertEquals(scanned("CAST(created_at AS DATE)", from), daily(stats.daily(from)), "by day from " + from);
            long errors = sql.query("SELECT COUNT(*) FROM audit_records WHERE created_at >= ? AND status >= 400"
                    + CALLS, row -> row.getLong(1), from).get(0);
            assertEquals(errors, stats.errors(from), "errors from " + from);
        }
        assertEquals(4_000L, sql.query("SELECT COUNT(*) FROM audit_records", row -> row.getLong(1)).get(0),
                "every record written");
    }

    /** The former overview's totals, from every record: line to "requests cost" (cost to nine places). */
    private Map<String, String> scanned(String key, Instant from) {
        Map<String, String> lines = new TreeMap<>();
        sql.query("SELECT " + key + ", COUNT(*), SUM(cost_usd) FROM audit_records WHERE created_at >= ?" + CALLS
                + " GROUP BY " + key, row -> lines.put(row.getString(1), totals(row.getLong(2), row.getDouble(3))),
                from);
        return lines;
    }

    private static Map<String, String> keyed(List<StatsResource.Group> groups) {
        Map<String, String> lines = new TreeMap<>();
        groups.forEach(g -> lines.put(g.key(), totals(g.requests(), g.costUsd())));
        return lines;
    }

    private static Map<String, String> daily(List<StatsResource.Day> days) {
        Map<String, String> lines = new TreeMap<>();
        days.forEach(d -> lines.put(d.day(), totals(d.requests(), d.costUsd())));
        return lines;
    }

    private static String totals(long requests, double cost) {
        return requests + " " + String.format("%.9f", cost);
    }

    /** {@code count} records at random instants in {@code span} from {@code from}, in batches of random size. */
    private void write(int count, Instant from, Duration span) {
        List<AuditRecord> batch = new ArrayList<>();
        int size = 1 + random.nextInt(700);
        for (int i = 0; i < count; i++) {
            batch.add(record(from.plusMillis((long) (random.nextDouble() * span.toMillis()))));
            if (batch.size() == size || i == count - 1) {
                store.saveAll(batch);
                batch = new ArrayList<>();
                size = 1 + random.nextInt(700);
            }
        }
    }

    private AuditRecord record(Instant at) {
        AuditRecord r = new AuditRecord();
        r.id = UUID.randomUUID().toString();
        r.createdAt = at;
        r.endpoint = ENDPOINTS[random.nextInt(ENDPOINTS.length)];
        r.route = ROUTES[random.nextInt(ROUTES.length)];
        r.servedModel = MODELS[random.nextInt(MODELS.length)];
        r.status = STATUSES[random.nextInt(STATUSES.length)];
        r.costUsd = random.nextInt(1000) / 7919.0;
        r.latencyMs = 10;
        r.priceKnown = true;
        return r;
    }
}
