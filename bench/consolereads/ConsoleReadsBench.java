import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The console's summary reads on a large audit, the way they were (every record of the window, grouped) and the way
 * they are (the sums by hour and the tasks' totals), and the budgets page's spend per day, on an embedded Derby
 * migrated as the server migrates it and filled through srooter's own {@code AuditStore.saveAll}; and how long the
 * migrations take to sum an audit of that size.
 * Run by {@code bench/consolereads.py}, which compiles it against this checkout's classes.
 *
 * <p>Arguments: records, tasks, days they span (ending now), a folder for the database (the caller removes it).
 */
public class ConsoleReadsBench {

    private static final String CALLS = " AND (endpoint IS NULL OR endpoint <> 'council-review')";
    private static final String[] ROUTES = {"rule:trivial->cheapest", "as requested", "rule:security->best", null};
    private static final String[] INTENTS = {"trivial", "substantive", "architecture", "security"};
    private static final String[] MODELS = {"claude-sonnet-4-5", "claude-haiku-4-5", "gpt-5-mini", "deepseek-chat"};

    public static void main(String[] args) throws Exception {
        int records = Integer.parseInt(args[0]);
        int tasks = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        DataSource ds = (DataSource) Class.forName("dev.srooter.server.store.EmbeddedDerby")
                .getMethod("open", Path.class).invoke(null, Path.of(args[3]));
        Object sql = Class.forName("dev.srooter.server.store.Sql").getConstructor(DataSource.class).newInstance(ds);

        long t0 = System.nanoTime();
        fill(ds, records, tasks, days);
        System.out.printf("filled %,d records of %,d tasks over %d days through AuditStore.saveAll in %.1f s%n", records,
                tasks, days, (System.nanoTime() - t0) / 1e9);

        Object stats = Class.forName("dev.srooter.server.admin.StatsResource").getConstructor().newInstance();
        set(stats, "sql", sql);
        Object log = Class.forName("dev.srooter.server.tasks.TaskLog").getConstructor().newInstance();
        set(log, "sql", sql);
        Method byRoute = method(stats, "byRoute");
        Method byModel = method(stats, "byModel");
        Method errors = method(stats, "errors");
        Method daily = method(stats, "daily");
        Method list = log.getClass().getMethod("list", Instant.class, String.class, String.class, boolean.class,
                int.class);
        Instant month = Instant.now().minusSeconds(86_400L * days);
        Instant week = Instant.now().minusSeconds(86_400L * 7);

        time("overview totals, every record grouped (before)", () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                String since = " WHERE created_at >= TIMESTAMP('" + Timestamp.from(month) + "')";
                String route = "CASE WHEN endpoint = 'council' THEN 'council reviews' ELSE COALESCE(route, '(refused)') END";
                count(s, "SELECT " + route + ", COUNT(*), SUM(cost_usd) FROM audit_records" + since + CALLS
                        + " GROUP BY " + route);
                count(s, "SELECT COALESCE(served_model, '(none)'), COUNT(*), SUM(cost_usd) FROM audit_records" + since
                        + CALLS + " GROUP BY COALESCE(served_model, '(none)')");
                count(s, "SELECT COUNT(*) FROM audit_records" + since + " AND status >= 400" + CALLS);
                return count(s, "SELECT CAST(created_at AS DATE), COUNT(*), SUM(cost_usd) FROM audit_records" + since
                        + CALLS + " GROUP BY CAST(created_at AS DATE)");
            }
        });
        time("overview totals, sums by hour (after)", () -> {
            byRoute.invoke(stats, month);
            byModel.invoke(stats, month);
            errors.invoke(stats, month);
            return ((List<?>) daily.invoke(stats, month)).size();
        });
        time("costliest 10 tasks of 7 days, every record grouped (before)", () -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                return count(s, "SELECT task, MIN(username), MIN(team), COUNT(*), MAX(turn), SUM(cost_usd),"
                        + " MIN(created_at), MAX(created_at) FROM audit_records WHERE task IS NOT NULL AND created_at >="
                        + " TIMESTAMP('" + Timestamp.from(week) + "') GROUP BY task ORDER BY 6 DESC, 8 DESC"
                        + " FETCH FIRST 10 ROWS ONLY");
            }
        });
        time("costliest 10 tasks of 7 days, the whole list call (after)",
                () -> ((List<?>) list.invoke(log, week, null, null, true, 10)).size());

        Object budgets = Class.forName("dev.srooter.server.budget.Budgets").getConstructor().newInstance();
        set(budgets, "sql", sql);
        Method perDay = budgets.getClass().getMethod("daily", String.class, int.class);
        // Budgets.daily's window: from the UTC midnight days - 1 days before today's
        Instant budgetSince = Instant.now().truncatedTo(ChronoUnit.DAYS).minusSeconds(86_400L * (days - 1));
        time("the org's spend per UTC day, every record read (before)", () -> {
            Map<String, BigDecimal> byDay = new TreeMap<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT created_at, cost_usd FROM audit_records WHERE created_at >="
                         + " TIMESTAMP('" + Timestamp.from(budgetSince) + "')")) {
                while (r.next()) {
                    byDay.merge(r.getTimestamp(1).toInstant().toString().substring(0, 10),
                            BigDecimal.valueOf(r.getDouble(2)), BigDecimal::add);
                }
            }
            return byDay.size();
        });
        time("the org's spend per UTC day, Budgets.daily (after)",
                () -> ((Map<?, ?>) perDay.invoke(budgets, "org", days)).size());
        time("one user's spend per UTC day, Budgets.daily (its records)",
                () -> ((Map<?, ?>) perDay.invoke(budgets, "user:dev7", days)).size());

        Method recreate = Class.forName("dev.srooter.server.store.Scripts").getMethod("recreate", DataSource.class,
                List.class, String[].class);
        long m0 = System.nanoTime();
        recreate.invoke(null, ds, List.of("audit_hourly"), new String[] {"V21__audit_hourly.sql"});
        System.out.printf("migration V21 over %,d records: %.1f s%n", records, (System.nanoTime() - m0) / 1e9);
        m0 = System.nanoTime();
        recreate.invoke(null, ds, List.of("task_totals", "task_models"), new String[] {"V22__task_totals.sql",
                "V23__task_details.sql"});
        System.out.printf("migrations V22 and V23 over %,d records: %.1f s%n", records, (System.nanoTime() - m0) / 1e9);
    }

    /** Eleven calls: the first alone (a cold plan), then the median of ten. */
    private static void time(String what, Callable<Integer> read) throws Exception {
        long first = System.nanoTime();
        int rows = read.call();
        double cold = (System.nanoTime() - first) / 1e6;
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            read.call();
            warm.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(warm);
        System.out.printf("%-62s first %8.1f ms, then median %8.1f ms (%d rows)%n", what, cold, warm.get(5), rows);
    }

    private static int count(Statement s, String query) throws Exception {
        int rows = 0;
        try (ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                rows++;
            }
        }
        return rows;
    }

    /** Records at random instants of the span, each of one of {@code tasks} tasks (its turns in order). */
    private static void fill(DataSource ds, int records, int tasks, int days) throws Exception {
        Class<?> type = Class.forName("dev.srooter.server.store.AuditRecord");
        Object store = Class.forName("dev.srooter.server.audit.AuditStore").getConstructor(DataSource.class)
                .newInstance(ds);
        Method saveAll = store.getClass().getMethod("saveAll", List.class);
        Random random = new Random(3);
        int[] turns = new int[tasks];
        long end = System.currentTimeMillis();
        long span = 86_400_000L * days;
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            int task = random.nextInt(tasks);
            Object r = type.getConstructor().newInstance();
            set(r, "id", UUID.randomUUID().toString());
            set(r, "createdAt", Instant.ofEpochMilli(end - span + span * i / records));
            set(r, "username", "dev" + task % 40);
            // as in use: some users in no team, the intent on a task's human turn only
            set(r, "team", task % 40 < 8 ? null : "team" + task % 5);
            set(r, "intent", turns[task] == 0 ? INTENTS[task % INTENTS.length] : null);
            set(r, "endpoint", "/v1/messages");
            set(r, "route", ROUTES[random.nextInt(ROUTES.length)]);
            set(r, "servedModel", MODELS[random.nextInt(MODELS.length)]);
            set(r, "costUsd", random.nextInt(2_000) / 100_000.0);
            set(r, "latencyMs", 900.0);
            set(r, "status", random.nextInt(50) == 0 ? 529 : 200);
            set(r, "task", String.format("%032x", task));
            set(r, "turn", turns[task]++);
            batch.add(r);
            if (batch.size() == 250) {
                saveAll.invoke(store, batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            saveAll.invoke(store, batch);
        }
    }

    private static Method method(Object target, String name) throws Exception {
        Method m = target.getClass().getDeclaredMethod(name, Instant.class);
        m.setAccessible(true);
        return m;
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
