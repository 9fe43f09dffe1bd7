package dev.srooter.server.tasks;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agent tasks as the audit log records them (every node's turns, durable): cost, turns, models and duration per
 * task, costliest or newest first.
 */
@ApplicationScoped
public class TaskLog {

    @Inject
    Sql sql;

    private record Totals(String task, String username, String team, long requests, int turns, double costUsd,
                          Instant startedAt, Instant lastAt) {
    }

    /**
     * Tasks with a turn since {@code since}, of one user and/or team when given; {@code costliest} or newest first.
     * Their totals are the whole task's, from {@code task_totals} (TaskRollup), one row a task: the live page asks
     * every two seconds, and grouping every record of the window by task took seconds once the audit was large.
     */
    public List<TaskSummary> list(Instant since, String username, String team, boolean costliest, int limit) {
        List<Object> args = new ArrayList<>(List.of(since));
        String where = "last_at >= ?";
        if (username != null) {
            where += " AND username = ?";
            args.add(username);
        }
        if (team != null) {
            where += " AND team = ?";
            args.add(team);
        }
        List<Totals> totals = sql.query("SELECT task, username, team, requests, max_turn, cost_usd, started_at, last_at"
                + " FROM task_totals WHERE " + where + " ORDER BY " + (costliest ? "cost_usd DESC, " : "")
                + "last_at DESC FETCH FIRST " + limit + " ROWS ONLY",
                row -> new Totals(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getInt(5) + 1, row.getDouble(6), instant(row.getTimestamp(7)), instant(row.getTimestamp(8))),
                args.toArray());
        if (totals.isEmpty()) {
            return List.of();
        }
        String in = " task IN (" + String.join(",", Collections.nCopies(totals.size(), "?")) + ")";
        Object[] ids = totals.stream().map(Totals::task).toArray();
        Map<String, Set<String>> models = new HashMap<>();
        sql.query("SELECT DISTINCT task, served_model FROM audit_records WHERE served_model IS NOT NULL AND" + in,
                row -> models.computeIfAbsent(row.getString(1), k -> new LinkedHashSet<>()).add(row.getString(2)), ids);
        Map<String, String> intents = new HashMap<>();
        sql.query("SELECT task, intent FROM audit_records WHERE turn = 0 AND intent IS NOT NULL AND" + in,
                row -> intents.put(row.getString(1), row.getString(2)), ids);
        Map<String, String> guards = new HashMap<>();
        sql.query("SELECT task, policies FROM audit_records WHERE policies LIKE '%task-guard: %' AND" + in
                + " ORDER BY created_at", row -> guards.put(row.getString(1), guardAction(row.getString(2))), ids);
        List<TaskSummary> summaries = new ArrayList<>(totals.size());
        for (Totals t : totals) {
            summaries.add(new TaskSummary(t.task(), t.username(), t.team(), intents.get(t.task()), t.turns(),
                    t.requests(), List.copyOf(models.getOrDefault(t.task(), Set.of())), t.costUsd(), t.startedAt(),
                    t.lastAt(), t.lastAt().toEpochMilli() - t.startedAt().toEpochMilli(), guards.get(t.task())));
        }
        return summaries;
    }

    /** "task-guard: warn; 31 turns > 30" among a record's policy notes: {@code warn}. */
    private static String guardAction(String policies) {
        int at = policies.indexOf("task-guard: ");
        String rest = policies.substring(at + "task-guard: ".length());
        int end = rest.indexOf(';');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
