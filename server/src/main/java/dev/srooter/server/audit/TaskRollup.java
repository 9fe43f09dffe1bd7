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
import java.util.TreeMap;

/**
 * Each agent task's totals ({@code task_totals}, db/V22__task_totals.sql: requests, the highest turn, cost, first and
 * last request, the user and team), added to in the transaction that writes the task's records, so that the console's
 * costliest tasks (asked every two seconds on the live page) read one row a task instead of grouping every record of
 * the last seven days.
 */
public final class TaskRollup {

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
                    + " last_at = CASE WHEN last_at < ? THEN ? ELSE last_at END WHERE task = ?");
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Map.Entry<String, Sums> t : tasks.entrySet()) {
                    Sums s = t.getValue();
                    update.setString(1, s.username);
                    update.setString(2, s.username);
                    update.setString(3, s.team);
                    update.setString(4, s.team);
                    update.setLong(5, s.requests);
                    setInteger(update, 6, s.maxTurn);
                    setInteger(update, 7, s.maxTurn);
                    update.setDouble(8, s.costUsd);
                    update.setTimestamp(9, Timestamp.from(s.startedAt));
                    update.setTimestamp(10, Timestamp.from(s.startedAt));
                    update.setTimestamp(11, Timestamp.from(s.lastAt));
                    update.setTimestamp(12, Timestamp.from(s.lastAt));
                    update.setString(13, t.getKey());
                    if (update.executeUpdate() == 0) {
                        bindInsert(insert, t.getKey(), s);
                        insert.executeUpdate();
                    }
                }
            }
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
                + " last_at = GREATEST(task_totals.last_at, EXCLUDED.last_at)")) {
            for (Map.Entry<String, Sums> t : tasks.entrySet()) {
                bindInsert(upsert, t.getKey(), t.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static final String INSERT = "INSERT INTO task_totals (task, username, team, requests, max_turn, cost_usd,"
            + " started_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static void bindInsert(PreparedStatement s, String task, Sums sums) throws SQLException {
        s.setString(1, task);
        s.setString(2, sums.username);
        s.setString(3, sums.team);
        s.setLong(4, sums.requests);
        setInteger(s, 5, sums.maxTurn);
        s.setDouble(6, sums.costUsd);
        s.setTimestamp(7, Timestamp.from(sums.startedAt));
        s.setTimestamp(8, Timestamp.from(sums.lastAt));
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
