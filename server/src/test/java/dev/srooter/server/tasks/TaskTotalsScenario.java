package dev.srooter.server.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.audit.AuditStore;
import dev.srooter.server.store.AuditRecord;
import dev.srooter.server.store.Scripts;
import dev.srooter.server.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The task list read from the tasks' totals must say what grouping every record by task says (the oracle below is the
 * list's former SQL, over the whole audit): on a migrated database, records written before the totals existed (summed
 * by the migration), then batches through the audit writer's store (added in their transaction), a task's turns
 * spread over several batches, some records of no task.
 */
final class TaskTotalsScenario {

    private static final int TASKS = 60;
    /** The last few tasks have records from before the upgrade only: their totals are the migrations' alone. */
    private static final int BEFORE_ONLY = 8;
    private static final String[] MODELS = {"claude-sonnet-4-5", "gpt-5-mini", "deepseek-chat", null};
    private static final String[] INTENTS = {"trivial", "substantive", "architecture", "security"};
    private final Random random = new Random(11);
    private final Instant start = Instant.parse("2026-12-01T08:00:00Z");
    private final DataSource ds;
    private final Sql sql;
    private final AuditStore store;
    private final int[] turns = new int[TASKS];

    TaskTotalsScenario(DataSource migrated) {
        this.ds = migrated;
        this.sql = new Sql(migrated);
        this.store = new AuditStore(migrated);
    }

    void run() throws Exception {
        write(1_200, 0);
        Scripts.recreate(ds, List.of("task_totals", "task_models"), "V22__task_totals.sql", "V23__task_details.sql");
        write(1_800, 1_200);

        TaskLog log = new TaskLog();
        log.sql = sql;
        Map<String, String> all = scanned(null);
        assertEquals(TASKS, all.size(), "every task written");
        Instant before = start.minusSeconds(1);
        assertEquals(all, keyed(log.list(before, null, null, true, 200)), "every task, costliest first");
        assertEquals(order(all, true), List.copyOf(keyed(log.list(before, null, null, true, 200)).keySet()));
        assertEquals(order(all, false), List.copyOf(keyed(log.list(before, null, null, false, 200)).keySet()));
        assertEquals(order(all, true).subList(0, 10), List.copyOf(keyed(log.list(before, null, null, true, 10))
                .keySet()), "the live page's ten");
        assertEquals(scanned("u2"), keyed(log.list(before, "u2", null, true, 200)), "one user's");
        // a window: the tasks with a turn in it, each with its whole totals
        Instant since = start.plusSeconds(3_600L * 20);
        Map<String, String> recent = new LinkedHashMap<>();
        all.forEach((task, totals) -> {
            if (!Instant.parse(totals.split(" ")[6]).isBefore(since)) {
                recent.put(task, totals);
            }
        });
        assertTrue(recent.size() > 0 && recent.size() < TASKS, recent.size() + " of " + TASKS);
        assertEquals(recent, keyed(log.list(since, null, null, true, 200)), "the tasks with a turn since " + since);
    }

    /**
     * The former list, from every record: task to "user team requests turns cost first last | intent models guard"
     * (its lookups: the human turn's intent, the models that served the task, the newest guard note's action).
     */
    private Map<String, String> scanned(String user) {
        Map<String, String> tasks = new LinkedHashMap<>();
        sql.query("SELECT task, MIN(username), MIN(team), COUNT(*), MAX(turn), SUM(cost_usd), MIN(created_at),"
                + " MAX(created_at) FROM audit_records WHERE task IS NOT NULL" + (user == null ? "" : " AND username = ?")
                + " GROUP BY task ORDER BY task", row -> tasks.put(row.getString(1), totals(row.getString(2),
                row.getString(3), row.getLong(4), row.getInt(5) + 1, row.getDouble(6), row.getTimestamp(7).toInstant(),
                row.getTimestamp(8).toInstant())), user == null ? new Object[0] : new Object[] {user});
        Map<String, String> intents = new TreeMap<>();
        sql.query("SELECT task, MIN(intent) FROM audit_records WHERE turn = 0 AND intent IS NOT NULL GROUP BY task",
                row -> intents.put(row.getString(1), row.getString(2)));
        Map<String, Set<String>> models = new TreeMap<>();
        sql.query("SELECT DISTINCT task, served_model FROM audit_records WHERE served_model IS NOT NULL AND task IS NOT"
                + " NULL", row -> models.computeIfAbsent(row.getString(1), k -> new TreeSet<>()).add(row.getString(2)));
        Map<String, String> guards = new TreeMap<>();
        sql.query("SELECT task, policies FROM audit_records WHERE policies LIKE '%task-guard: %' ORDER BY created_at",
                row -> guards.put(row.getString(1), row.getString(2).split("task-guard: ")[1].split(";")[0]));
        tasks.replaceAll((task, totals) -> totals + " | " + intents.get(task) + " " + models.getOrDefault(task, Set.of())
                + " " + guards.get(task));
        return tasks;
    }

    private static Map<String, String> keyed(List<TaskSummary> listed) {
        Map<String, String> tasks = new LinkedHashMap<>();
        listed.forEach(t -> tasks.put(t.task(), totals(t.username(), t.team(), t.requests(), t.turns(), t.costUsd(),
                t.startedAt(), t.lastAt()) + " | " + t.intent() + " " + new TreeSet<>(t.models()) + " " + t.guard()));
        return tasks;
    }

    /** The tasks in the list's order: costliest (ties newest) first, or newest first. */
    private static List<String> order(Map<String, String> tasks, boolean costliest) {
        Comparator<Map.Entry<String, String>> newest = Comparator.comparing(e -> Instant.parse(e.getValue()
                .split(" ")[6]));
        Comparator<Map.Entry<String, String>> cost = Comparator.comparingDouble(e -> Double.parseDouble(e.getValue()
                .split(" ")[4]));
        return tasks.entrySet().stream().sorted(costliest ? cost.thenComparing(newest).reversed() : newest.reversed())
                .map(Map.Entry::getKey).toList();
    }

    private static String totals(String user, String team, long requests, int turns, double cost, Instant first,
                                 Instant last) {
        return user + " " + team + " " + requests + " " + turns + " " + String.format("%.9f", cost) + " " + first
                + " " + last;
    }

    /** {@code count} records of random tasks (one in twenty of none), shuffled, in batches of 1 to 400. */
    private void write(int count, int offset) {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditRecord r = new AuditRecord();
            r.id = UUID.randomUUID().toString();
            // a task's records over its own stretch of the 40 hours; later writes continue later
            int task = random.nextInt(offset == 0 ? TASKS : TASKS - BEFORE_ONLY);
            r.createdAt = start.plusSeconds(task * 1_800L + (offset + i) * 7L);
            r.endpoint = "/v1/messages";
            r.status = 200;
            r.costUsd = random.nextInt(5_000) / 7_919.0;
            r.servedModel = MODELS[random.nextInt(MODELS.length)];
            r.latencyMs = 10;
            if (random.nextInt(20) > 0) {
                r.task = String.format("task%02d", task);
                r.turn = turns[task]++;
                r.username = "u" + task % 4;
                r.team = task % 3 == 0 ? null : "team" + task % 4;
                r.intent = r.turn == 0 && task % 5 > 0 ? INTENTS[task % INTENTS.length] : null;
                // the guard acts on some tasks' later turns, and its action changes (the newest counts); on a few
                // only before the upgrade, so that their note is the migration's alone
                boolean guarded = task % 4 == 1 && r.turn > 5 || task % 8 == 3 && offset == 0 && r.turn > 2;
                r.policies = guarded ? "allowlist: ok; task-guard: " + (r.turn % 3 == 0 ? "warn" : "downgrade")
                        + "; " + r.turn + " turns > 5" : task % 4 == 2 ? "allowlist: ok" : null;
            }
            records.add(r);
        }
        Collections.shuffle(records, random);
        int from = 0;
        while (from < records.size()) {
            int size = Math.min(1 + random.nextInt(400), records.size() - from);
            store.saveAll(records.subList(from, from + size));
            from += size;
        }
    }
}
