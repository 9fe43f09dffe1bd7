package dev.srooter.server.tasks;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tasks this node has seen, by id, kept in memory while they run. A task idle for longer than
 * {@link #IDLE} is forgotten: a follow-up after that is classified and routed afresh, on its human turn, which
 * gives the same answer. Another node that meets a follow-up does the same.
 */
@ApplicationScoped
public class TaskBook {

    static final Duration IDLE = Duration.ofHours(2);
    private static final int SWEEP_ABOVE = 20_000;

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    /** The task with this id, begun now if this node has not seen it. */
    public Task open(String id) {
        Task task = tasks.get(id);
        if (task != null) {
            return task;
        }
        if (tasks.size() > SWEEP_ABOVE) {
            Instant cutoff = Instant.now().minus(IDLE);
            tasks.values().removeIf(t -> t.lastAt().isBefore(cutoff));
        }
        return tasks.computeIfAbsent(id, Task::new);
    }

    /** The task with this id if this node knows it. */
    public Task find(String id) {
        return tasks.get(id);
    }
}
