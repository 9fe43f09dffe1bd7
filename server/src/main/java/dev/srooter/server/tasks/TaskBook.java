package dev.srooter.server.tasks;

import dev.srooter.api.Classification;
import dev.srooter.api.Intent;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tasks this node has seen, by id, kept in memory while they run and shared through the database
 * ({@code task_state}) with the other nodes of the same database: how the task's human turn was classified, the
 * model serving it, its turns and spend. So a follow-up that a load balancer sends to another node skips the
 * classifier, stays on the task's model and counts toward the same loop guard.
 *
 * <p>Alone on its database, a node keeps tasks in memory and writes what changed once a second
 * ({@link #writeChanged}), for nodes that join later. With other nodes alive it reads a task's row at every request
 * and writes each turn as it ends (after the answer was sent), so the next turn finds it wherever it lands.
 *
 * <p>A task idle for longer than {@link #IDLE} is forgotten: a follow-up after that is classified and routed
 * afresh, on its human turn.
 */
@ApplicationScoped
public class TaskBook {

    private static final Logger LOG = Logger.getLogger(TaskBook.class.getName());
    static final Duration IDLE = Duration.ofHours(2);
    private static final int SWEEP_ABOVE = 20_000;
    private static final int KEEP_AT_MOST = 200_000;
    private volatile long lastSweep;

    @Inject
    Sql sql;

    /** Whether other nodes serve this database now (then task state is read and written at every turn). */
    private volatile BooleanSupplier sharing = () -> false;

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    public TaskBook() {
    }

    /** Outside the server: tests, with or without a database ({@code sql} may be null: memory only). */
    public TaskBook(Sql sql, BooleanSupplier sharing) {
        this.sql = sql;
        this.sharing = sharing;
    }

    public void sharingWhen(BooleanSupplier sharing) {
        this.sharing = sharing;
    }

    /** The task with this id, begun now if no node has seen it. */
    public Task open(String id) {
        Task task = tasks.get(id);
        if (task != null) {
            if (sharing.getAsBoolean()) {
                read(id, task);
            }
            return task;
        }
        sweepIfDue();
        Task fresh = tasks.computeIfAbsent(id, Task::new);
        if (sharing.getAsBoolean()) {
            read(id, fresh); // another node may have served its earlier turns; alone, this node served them all
        }
        return fresh;
    }

    /**
     * Above {@link #SWEEP_ABOVE} tasks, at most once a minute (a sweep walks them all, which once ran for every new
     * task while none was idle enough to go): tasks idle longer than {@link #IDLE} are forgotten, and while more
     * than {@link #KEEP_AT_MOST} remain, the least recently active (their state is in the database, written each
     * second, for a node that shares it).
     */
    private void sweepIfDue() {
        long now = System.currentTimeMillis();
        if (tasks.size() <= SWEEP_ABOVE || now - lastSweep < 60_000) {
            return;
        }
        lastSweep = now;
        Instant cutoff = Instant.now().minus(IDLE);
        tasks.values().removeIf(t -> t.lastAt().isBefore(cutoff));
        if (tasks.size() > KEEP_AT_MOST) {
            List<Task> oldest = tasks.values().stream().sorted(java.util.Comparator.comparing(Task::lastAt))
                    .limit(tasks.size() - KEEP_AT_MOST / 2).toList();
            oldest.forEach(t -> tasks.remove(t.id(), t));
        }
    }

    /** The task with this id if this node knows it. */
    public Task find(String id) {
        return tasks.get(id);
    }

    /** A turn of {@code task} ended here: written now when other nodes may serve its next turn. */
    public void turnEnded(Task task) {
        if (sharing.getAsBoolean()) {
            write(task);
        }
    }

    /** Once a second: what changed in tasks since, for the other nodes and for a restart. */
    public void writeChanged() {
        for (Task task : tasks.values()) {
            write(task);
        }
    }

    private void read(String id, Task task) {
        if (sql == null) {
            return;
        }
        try {
            record Row(Classification classification, String classifier, String model, int turns, double cost,
                       Instant lastAt) {
            }
            List<Row> rows = sql.query("SELECT intent, confidence, reason, classifier, model, turns, cost_usd, last_at"
                    + " FROM task_state WHERE id = ?", r -> new Row(r.getString(1) == null ? null
                    : new Classification(Intent.valueOf(r.getString(1)), r.getDouble(2), r.getString(3)),
                    r.getString(4), r.getString(5), r.getInt(6), r.getDouble(7), r.getTimestamp(8).toInstant()), id);
            if (!rows.isEmpty() && rows.get(0).lastAt().isAfter(Instant.now().minus(IDLE))) {
                Row row = rows.get(0);
                task.merge(row.classification(), row.classifier(), row.model(), row.turns(), row.cost(), row.lastAt());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not read the shared state of a task; routing it from here", e);
        }
    }

    private void write(Task task) {
        if (sql == null) {
            return;
        }
        Task.Written w = task.takeUnwritten();
        if (w == null) {
            return;
        }
        Classification c = w.classification();
        String intent = c == null ? null : c.intent().name();
        Double confidence = c == null ? null : c.confidence();
        String reason = c == null ? null : reason(c);
        try {
            sql.transaction(conn -> {
                if (Sql.update(conn, "UPDATE task_state SET intent = COALESCE(?, intent), confidence = COALESCE(?,"
                        + " confidence), reason = COALESCE(?, reason), classifier = COALESCE(?, classifier), model ="
                        + " COALESCE(?, model), turns = CASE WHEN turns > ? THEN turns ELSE ? END, cost_usd = cost_usd"
                        + " + ?, last_at = ? WHERE id = ?", intent, confidence, reason, w.classifier(), w.model(),
                        w.turns(), w.turns(), w.costUsd(), w.lastAt(), task.id()) == 0) {
                    Sql.update(conn, "INSERT INTO task_state (id, intent, confidence, reason, classifier, model, turns,"
                            + " cost_usd, started_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", task.id(),
                            intent, confidence, reason, w.classifier(), w.model(), w.turns(), w.costUsd(),
                            w.startedAt(), w.lastAt());
                }
                return null;
            });
        } catch (RuntimeException e) {
            task.unwritten(w); // another node inserted it at the same moment, or the database is busy: next time
            LOG.log(Level.FINE, "srooter: task state written later", e);
        }
    }

    private static String reason(Classification c) {
        String reason = c.reason();
        return reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
    }

    /** Forgets rows of tasks idle for longer than {@link #IDLE}, and those in memory (a few times an hour is plenty). */
    public void forgetIdle() {
        Instant cutoff = Instant.now().minus(IDLE);
        tasks.values().removeIf(t -> t.lastAt().isBefore(cutoff));
        if (sql != null) {
            sql.update("DELETE FROM task_state WHERE last_at < ?", cutoff);
        }
    }
}
