package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each agent task's totals ({@code task_totals}, db/V22__task_totals.sql: requests, the highest turn, cost, first and
 * last request, the user and team), added to in the transaction that writes the task's records, so that the console's
 * costliest tasks (asked every two seconds on the live page) read one row a task instead of grouping every record of
 * the last seven days.
 */
public final class TaskRollup {

    /** How the task guard's note starts among a record's policy notes. */
    public static final String GUARD = "task-guard: ";

    private TaskRollup() {
    }

    /** What a batch adds to one task. The user and team are the least of the task's records' (SQL's MIN). */
    static final class Sums {
        String username;
        String team;
        long requests;
        Integer maxTurn;
        double costUsd;
        Instant startedAt;
        Instant lastAt;
        /** The least intent of the task's human turns. */
        String intent;
        /** The newest record's policy notes that name the task guard, and its instant. */
        String guardPolicies;
        Instant guardAt;
        final Set<String> models = new TreeSet<>();

        void add(AuditRecord r) {
            username = least(username, r.username);
            team = least(team, r.team);
            requests++;
            if (r.turn != null && (maxTurn == null || r.turn > maxTurn)) {
                maxTurn = r.turn;
            }
            costUsd += r.costUsd;
            startedAt = startedAt == null || r.createdAt.isBefore(startedAt) ? r.createdAt : startedAt;
            lastAt = lastAt == null || r.createdAt.isAfter(lastAt) ? r.createdAt : lastAt;
            if (r.turn != null && r.turn == 0) {
                intent = least(intent, r.intent);
            }
            if (r.policies != null && r.policies.contains(GUARD) && (guardAt == null || r.createdAt.isAfter(guardAt))) {
                guardPolicies = r.policies;
                guardAt = r.createdAt;
            }
            if (r.servedModel != null) {
                models.add(r.servedModel);
            }
        }

        private static String least(String a, String b) {
            return a == null ? b : b == null || a.compareTo(b) <= 0 ? a : b;
        }
    }

    /** A batch's records summed by task, in the tasks' order (writers on one database lock in one order). */
    static Map<String, Sums> sum(List<AuditRecord> records) {
        Map<String, Sums> tasks = new TreeMap<>();
        for (AuditRecord r : records) {
            if (r.task != null) {
                tasks.computeIfAbsent(r.task, t -> new Sums()).add(r);
            }
        }
        return tasks;
    }

    /**
     * Adds a batch's records to their tasks' totals, on the connection and in the transaction that inserts them: on
     * embedded Derby (one writer) an update, and an insert for a task not there yet; on PostgreSQL, where several
     * nodes may write one task's turns at once, one upsert a task.
     */
    static void add(Connection connection, List<AuditRecord> records, boolean embedded) throws SQLException {
        Map<String, Sums> tasks = sum(records);
        if (tasks.isEmpty()) {
            return;
        }
        if (embedded) {
            // Derby has no LEAST or GREATEST: the same by CASE, a NULL on either side giving way to the other
            try (PreparedStatement update = connection.prepareStatement("UPDATE task_totals SET"
                    + " username = CASE WHEN username IS NULL OR username > ? THEN ? ELSE username END,"
                    + " team = CASE WHEN team IS NULL OR team > ? THEN ? ELSE team END,"
                    + " requests = requests + ?,"
                    + " max_turn = CASE WHEN max_turn IS NULL OR max_turn < ? THEN ? ELSE max_turn END,"
                    + " cost_usd = cost_usd + ?,"
                    + " started_at = CASE WHEN started_at > ? THEN ? ELSE started_at END,"
                    + " last_at = CASE WHEN last_at < ? THEN ? ELSE last_at END,"
                    + " intent = CASE WHEN intent IS NULL OR intent > ? THEN ? ELSE intent END,"
                    + " guard_policies = CASE WHEN guard_at IS NULL OR guard_at < ? THEN ? ELSE guard_policies END,"
                    + " guard_at = CASE WHEN guard_at IS NULL OR guard_at < ? THEN ? ELSE guard_at END"
                    + " WHERE task = ?");
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Map.Entry<String, Sums> t : tasks.entrySet()) {
                    Sums s = t.getValue();
                    update.setString(1, s.username);
                    update.setString(2, s.username);
                    update.setString(3, s.team);
                    update.setString(4, s.team);
                    update.setLong(5, s.requests);
                    AuditStore.setOrNull(update, 6, s.maxTurn, Types.INTEGER);
                    AuditStore.setOrNull(update, 7, s.maxTurn, Types.INTEGER);
                    update.setDouble(8, s.costUsd);
                    update.setTimestamp(9, Timestamp.from(s.startedAt));
                    update.setTimestamp(10, Timestamp.from(s.startedAt));
                    update.setTimestamp(11, Timestamp.from(s.lastAt));
                    update.setTimestamp(12, Timestamp.from(s.lastAt));
                    update.setString(13, s.intent);
                    update.setString(14, s.intent);
                    // a batch without a guard note leaves the task's: a NULL instant compares to nothing
                    AuditStore.setOrNull(update, 15, timestamp(s.guardAt), Types.TIMESTAMP);
                    update.setString(16, s.guardAt == null ? null : s.guardPolicies);
                    AuditStore.setOrNull(update, 17, timestamp(s.guardAt), Types.TIMESTAMP);
                    AuditStore.setOrNull(update, 18, timestamp(s.guardAt), Types.TIMESTAMP);
                    update.setString(19, t.getKey());
                    if (update.executeUpdate() == 0) {
                        bindInsert(insert, t.getKey(), s);
                        insert.executeUpdate();
                    }
                }
            }
            addModels(connection, tasks, true);
            return;
        }
        // LEAST and GREATEST skip NULLs, as MIN and MAX do
        try (PreparedStatement upsert = connection.prepareStatement(INSERT + " ON CONFLICT (task) DO UPDATE SET"
                + " username = LEAST(task_totals.username, EXCLUDED.username),"
                + " team = LEAST(task_totals.team, EXCLUDED.team),"
                + " requests = task_totals.requests + EXCLUDED.requests,"
                + " max_turn = GREATEST(task_totals.max_turn, EXCLUDED.max_turn),"
                + " cost_usd = task_totals.cost_usd + EXCLUDED.cost_usd,"
                + " started_at = LEAST(task_totals.started_at, EXCLUDED.started_at),"
                + " last_at = GREATEST(task_totals.last_at, EXCLUDED.last_at),"
                + " intent = LEAST(task_totals.intent, EXCLUDED.intent),"
                + " guard_policies = CASE WHEN EXCLUDED.guard_at IS NOT NULL AND (task_totals.guard_at IS NULL"
                + " OR EXCLUDED.guard_at > task_totals.guard_at) THEN EXCLUDED.guard_policies"
                + " ELSE task_totals.guard_policies END,"
                + " guard_at = GREATEST(task_totals.guard_at, EXCLUDED.guard_at)")) {
            for (Map.Entry<String, Sums> t : tasks.entrySet()) {
                bindInsert(upsert, t.getKey(), t.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        addModels(connection, tasks, false);
    }

    /** Each task's models not listed yet (Derby, one writer: where none is; PostgreSQL: past a conflict). */
    private static void addModels(Connection connection, Map<String, Sums> tasks, boolean embedded)
            throws SQLException {
        String insert = embedded ? "INSERT INTO task_models (task, model) SELECT CAST(? AS VARCHAR(32)),"
                + " CAST(? AS VARCHAR(300)) FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS (SELECT 1 FROM task_models"
                + " WHERE task = ? AND model = ?)"
                : "INSERT INTO task_models (task, model) VALUES (?, ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement s = connection.prepareStatement(insert)) {
            for (Map.Entry<String, Sums> t : tasks.entrySet()) {
                for (String model : t.getValue().models) {
                    s.setString(1, t.getKey());
                    s.setString(2, model);
                    if (embedded) {
                        s.setString(3, t.getKey());
                        s.setString(4, model);
                    }
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static final String INSERT = "INSERT INTO task_totals (task, username, team, requests, max_turn, cost_usd,"
            + " started_at, last_at, intent, guard_policies, guard_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void bindInsert(PreparedStatement s, String task, Sums sums) throws SQLException {
        s.setString(1, task);
        s.setString(2, sums.username);
        s.setString(3, sums.team);
        s.setLong(4, sums.requests);
        AuditStore.setOrNull(s, 5, sums.maxTurn, Types.INTEGER);
        s.setDouble(6, sums.costUsd);
        s.setTimestamp(7, Timestamp.from(sums.startedAt));
        s.setTimestamp(8, Timestamp.from(sums.lastAt));
        s.setString(9, sums.intent);
        s.setString(10, sums.guardPolicies);
        AuditStore.setOrNull(s, 11, timestamp(sums.guardAt), Types.TIMESTAMP);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
