package dev.srooter.server.tasks;

import dev.srooter.server.audit.TaskRollup;
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
                          Instant startedAt, Instant lastAt, String intent, String guardPolicies) {
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
        List<Totals> totals = sql.query("SELECT task, username, team, requests, max_turn, cost_usd, started_at, last_at,"
                + " intent, guard_policies FROM task_totals WHERE " + where + " ORDER BY "
                + (costliest ? "cost_usd DESC, " : "") + "last_at DESC FETCH FIRST " + limit + " ROWS ONLY",
                row -> new Totals(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getInt(5) + 1, row.getDouble(6), instant(row.getTimestamp(7)), instant(row.getTimestamp(8)),
                        row.getString(9), row.getString(10)),
                args.toArray());
        if (totals.isEmpty()) {
            return List.of();
        }
        String in = " task IN (" + String.join(",", Collections.nCopies(totals.size(), "?")) + ")";
        Object[] ids = totals.stream().map(Totals::task).toArray();
        // the models from task_models (TaskRollup), not the tasks' records: a task of 300,000 turns took seconds
        Map<String, Set<String>> models = new HashMap<>();
        sql.query("SELECT task, model FROM task_models WHERE" + in + " ORDER BY task, model",
                row -> models.computeIfAbsent(row.getString(1), k -> new LinkedHashSet<>()).add(row.getString(2)), ids);
        List<TaskSummary> summaries = new ArrayList<>(totals.size());
        for (Totals t : totals) {
            summaries.add(new TaskSummary(t.task(), t.username(), t.team(), t.intent(), t.turns(), t.requests(),
                    List.copyOf(models.getOrDefault(t.task(), Set.of())), t.costUsd(), t.startedAt(), t.lastAt(),
                    t.lastAt().toEpochMilli() - t.startedAt().toEpochMilli(),
                    t.guardPolicies() == null ? null : guardAction(t.guardPolicies())));
        }
        return summaries;
    }

    /** "task-guard: warn; 31 turns > 30" among a record's policy notes: {@code warn}. */
    private static String guardAction(String policies) {
        int at = policies.indexOf(TaskRollup.GUARD);
        String rest = policies.substring(at + TaskRollup.GUARD.length());
        int end = rest.indexOf(';');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
