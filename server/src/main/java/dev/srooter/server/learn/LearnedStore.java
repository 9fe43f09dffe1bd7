package dev.srooter.server.learn;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learner's state in the database, shared by every node and kept across restarts: each model's {@link Arm} per
 * context (updated in place by one statement, so that nodes never overwrite each other's outcomes), every decision,
 * and admins' pins. The request path reads arms through a cache that is at most {@link #FRESH_MS} old, so outcomes
 * seen by another node count within seconds.
 */
@ApplicationScoped
public class LearnedStore {

    static final long FRESH_MS = 2_000;

    private record Cached(Map<String, Arm> arms, long at) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    Sql sql;

    public LearnedStore() {
    }

    /** Outside the server: tests (a store on a database of their own, opened again as after a restart). */
    public LearnedStore(Sql sql) {
        this.sql = sql;
    }

    /** Each model's arm in a context (none seen: an empty map). */
    public Map<String, Arm> arms(String context) {
        Cached c = cache.get(context);
        long now = System.currentTimeMillis();
        if (c != null && now - c.at() < FRESH_MS) {
            return c.arms();
        }
        Map<String, Arm> arms = new HashMap<>();
        for (Object[] row : sql.query("SELECT model, reward, weight, decisions, cost_usd FROM learned_arms"
                + " WHERE context_key = ?", r -> new Object[] {r.getString(1), new Arm(r.getDouble(2), r.getDouble(3),
                r.getLong(4), r.getDouble(5))}, context)) {
            arms.put((String) row[0], (Arm) row[1]);
        }
        Map<String, Arm> frozen = Map.copyOf(arms);
        cache.put(context, new Cached(frozen, now));
        return frozen;
    }

    /** Every context any arm or pin is kept for. */
    public List<String> contexts() {
        return sql.query("SELECT context_key FROM learned_arms UNION SELECT context_key FROM learned_pins"
                + " ORDER BY 1", r -> r.getString(1));
    }

    /** One outcome for a model in a context: the same arithmetic as {@link Arm#observe}, in one statement. */
    public void observe(String context, String model, double reward, double weight) {
        upsert(context, model, "reward = reward * " + Arm.FADE + " + ?, weight = weight * " + Arm.FADE + " + ?",
                new Object[] {reward * weight, weight}, reward * weight, weight, 0, 0);
    }

    /**
     * {@code signal} heard about a task that had drawn {@code before}: the same arithmetic as {@link Arm#heard}, in
     * one statement (a task's first signal adds it, fading the rest; a later one revises its score).
     */
    public void heard(String context, String model, List<Signal> before, Signal signal) {
        if (before.isEmpty()) {
            observe(context, model, Arm.score(List.of(signal)), 1);
        } else {
            double revision = Arm.revision(before, signal);
            upsert(context, model, "reward = reward + ?", new Object[] {revision}, revision, 0, 0, 0);
        }
    }

    /** A decision for a model in a context. */
    public void decided(String context, String model) {
        upsert(context, model, "decisions = decisions + 1", new Object[0], 0, 0, 1, 0);
    }

    /** Cost spent on a decision's task. */
    public void cost(String context, String model, double usd) {
        upsert(context, model, "cost_usd = cost_usd + ?", new Object[] {usd}, 0, 0, 0, usd);
    }

    private void upsert(String context, String model, String set, Object[] setArgs, double reward, double weight,
                        long decisions, double cost) {
        Object[] args = new Object[setArgs.length + 3];
        System.arraycopy(setArgs, 0, args, 0, setArgs.length);
        args[setArgs.length] = Instant.now();
        args[setArgs.length + 1] = context;
        args[setArgs.length + 2] = model;
        String update = "UPDATE learned_arms SET " + set + ", updated_at = ? WHERE context_key = ? AND model = ?";
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                boolean done = sql.transaction(c -> {
                    if (Sql.update(c, update, args) == 1) {
                        return true;
                    }
                    Sql.update(c, "INSERT INTO learned_arms (context_key, model, reward, weight, decisions, cost_usd,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", context, model, reward, weight, decisions,
                            cost, Instant.now());
                    return true;
                });
                if (done) {
                    cache.remove(context);
                    return;
                }
            } catch (IllegalStateException raced) {
                if (!duplicate(raced)) {
                    throw raced;
                }
                // another node inserted the row first: update it this time
            }
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Forgets what a context has learned, and its pin. */
    public void reset(String context) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM learned_arms WHERE context_key = ?", context);
            return Sql.update(c, "DELETE FROM learned_pins WHERE context_key = ?", context);
        });
        cache.remove(context);
    }

    public Optional<String> pin(String context) {
        return sql.query("SELECT model FROM learned_pins WHERE context_key = ?", r -> r.getString(1), context).stream()
                .findFirst();
    }

    public Map<String, String> pins() {
        Map<String, String> pins = new HashMap<>();
        sql.query("SELECT context_key, model FROM learned_pins", r -> pins.put(r.getString(1), r.getString(2)));
        return pins;
    }

    public void pin(String context, String model) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM learned_pins WHERE context_key = ?", context);
            return model == null ? 0 : Sql.update(c, "INSERT INTO learned_pins (context_key, model) VALUES (?, ?)",
                    context, model);
        });
    }

    public void record(Decided d) {
        sql.update("INSERT INTO learned_decisions (id, task, parent_task, context_key, model, requested_model, username,"
                + " explored, ask_print, signals, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.id(), d.task(),
                d.parentTask(), d.context(), d.model(), d.requestedModel(), d.username(), d.explored(), d.askPrint(),
                d.signals(), d.at());
    }

    private static final String DECIDED = "SELECT id, task, parent_task, context_key, model, requested_model, username,"
            + " explored, ask_print, signals, created_at FROM learned_decisions";

    /** The newest decision for a task. */
    public Optional<Decided> byTask(String task) {
        return sql.query(1, DECIDED + " WHERE task = ? ORDER BY created_at DESC", LearnedStore::decided, task).stream()
                .findFirst();
    }

    /** The newest decisions, of one task when {@code task} is given. */
    public List<Decided> recent(String task, int limit) {
        return task == null ? sql.query(limit, DECIDED + " ORDER BY created_at DESC", LearnedStore::decided)
                : sql.query(limit, DECIDED + " WHERE task = ? ORDER BY created_at DESC", LearnedStore::decided, task);
    }

    public Optional<Decided> byId(String id) {
        return sql.query(DECIDED + " WHERE id = ?", LearnedStore::decided, id).stream().findFirst();
    }

    /** Decisions for other asks that followed the same point of a conversation, since {@code since}. */
    public List<Decided> siblings(String parentTask, Instant since) {
        return sql.query(20, DECIDED + " WHERE parent_task = ? AND created_at >= ? ORDER BY created_at DESC",
                LearnedStore::decided, parentTask, since);
    }

    /**
     * Credits {@code signal} to a decision at most {@code max} times: the signals it had drawn before when this call
     * credited it, else empty (the check and the mark are one statement, so two nodes cannot both credit the same
     * one, and each sees what came before its own).
     */
    public Optional<List<Signal>> mark(Decided d, Signal signal, int max) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Decided now = byId(d.id()).orElse(null);
            if (now == null || now.count(signal) >= max) {
                return Optional.empty();
            }
            String marked = now.signals().isEmpty() ? signal.wire() : now.signals() + "," + signal.wire();
            if (marked.length() > 1000) {
                return Optional.empty();
            }
            if (sql.update("UPDATE learned_decisions SET signals = ? WHERE id = ? AND signals = ?", marked, d.id(),
                    now.signals()) == 1) {
                return Optional.of(now.heard());
            }
        }
        return Optional.empty();
    }

    public void note(Decided d, String note) {
        sql.update("UPDATE learned_decisions SET note = ? WHERE id = ?", note, d.id());
    }

    private static Decided decided(ResultSet r) throws SQLException {
        return new Decided(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getBoolean(8), r.getLong(9), r.getString(10),
                r.getTimestamp(11).toInstant());
    }

}
