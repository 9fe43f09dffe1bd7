package dev.srooter.server.limits;

import dev.srooter.server.keys.Caller;
import dev.srooter.server.store.Refreshed;
import dev.srooter.server.store.Sql;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests and tokens per minute, per gateway key and per user ({@code user:*} for every user without a
 * limit of their own). Counted on each node over a sliding minute, in memory; while other nodes serve the same
 * database, each node writes its counts every second ({@code rate_counts}) and admits against its own count plus the
 * others' last ones, so a limit holds across nodes to within about a second of their traffic, without a database
 * call on the request path. Tokens are counted when a request ends, so the request that crosses a token limit
 * finishes and the next one waits.
 */
@ApplicationScoped
public class RateLimits {

    public static final String EVERY_USER = "user:*";
    private static final long TTL_MILLIS = 5_000;

    /** A limit; null parts are unlimited. */
    public record Limit(String id, Integer requestsPerMinute, Integer tokensPerMinute) {
    }

    @Inject
    Sql sql;

    /** The caps (limits) by id, for the request path. */
    private final Refreshed<Map<String, Limit>> current = new Refreshed<>(TTL_MILLIS, this::read);
    private final Map<String, MinuteWindow> windows = new ConcurrentHashMap<>();
    private static final long[] NONE = {0, 0};
    private final String node = java.util.UUID.randomUUID().toString();
    /** Other nodes' counts over the last minute, by subject, as of the last {@link #share}. */
    private volatile Map<String, long[]> elsewhere = Map.of();
    private final java.util.Set<String> published = ConcurrentHashMap.newKeySet();

    /** Counts the request, or refuses it with 429 and {@code retry-after} when a limit is reached. */
    public void admit(Caller caller) {
        List<Limit> limits = limitsOf(caller);
        if (limits.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        List<MinuteWindow> counted = new java.util.ArrayList<>(limits.size());
        for (Limit limit : limits) {
            String subject = subject(limit, caller);
            MinuteWindow window = windows.computeIfAbsent(subject, k -> new MinuteWindow());
            long[] others = elsewhere.getOrDefault(subject, NONE);
            String over = window.admit(now, less(limit.requestsPerMinute(), others[0]),
                    less(limit.tokensPerMinute(), others[1]));
            if (over != null) {
                counted.forEach(w -> w.withdraw(now)); // all of the caller's limits count it, or none
                boolean requests = over.equals("requests");
                int perMinute = requests ? limit.requestsPerMinute() : limit.tokensPerMinute();
                throw refused(limit, over, perMinute, window.secondsUntilBelow(now, perMinute, requests));
            }
            counted.add(window);
        }
    }

    private static Integer less(Integer limit, long counted) {
        return limit == null ? null : (int) Math.max(0, limit - counted);
    }

    /**
     * Once a second: with other nodes alive, writes this node's counts and reads theirs; alone, forgets theirs (and
     * writes nothing).
     */
    public void share(boolean withOthers) {
        if (!withOthers) {
            elsewhere = Map.of();
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        java.time.Instant at = java.time.Instant.now();
        sql.transaction(c -> {
            for (Map.Entry<String, MinuteWindow> w : windows.entrySet()) {
                long[] totals = w.getValue().totals(now);
                if (totals[0] == 0 && totals[1] == 0) {
                    if (published.remove(w.getKey())) {
                        Sql.update(c, "DELETE FROM rate_counts WHERE node = ? AND subject = ?", node, w.getKey());
                    }
                    continue;
                }
                if (Sql.update(c, "UPDATE rate_counts SET requests = ?, tokens = ?, updated_at = ? WHERE node = ?"
                        + " AND subject = ?", totals[0], totals[1], at, node, w.getKey()) == 0) {
                    Sql.update(c, "INSERT INTO rate_counts (node, subject, requests, tokens, updated_at) VALUES (?, ?,"
                            + " ?, ?, ?)", node, w.getKey(), totals[0], totals[1], at);
                }
                published.add(w.getKey());
            }
            return null;
        });
        Map<String, long[]> others = new java.util.HashMap<>();
        sql.query("SELECT subject, SUM(requests), SUM(tokens) FROM rate_counts WHERE node <> ? AND updated_at > ?"
                + " GROUP BY subject", r -> others.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)}), node,
                at.minusSeconds(5));
        elsewhere = Map.copyOf(others);
    }

    /** On a clean stop: this node's counts no longer count. */
    public void leave() {
        sql.update("DELETE FROM rate_counts WHERE node = ?", node);
    }

    /** Adds the tokens a finished request used. */
    public void count(Caller caller, long tokens) {
        if (tokens <= 0) {
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        for (Limit limit : limitsOf(caller)) {
            if (limit.tokensPerMinute() != null) {
                windows.computeIfAbsent(subject(limit, caller), k -> new MinuteWindow()).addTokens(now, tokens);
            }
        }
    }

    private static GatewayError refused(Limit limit, String what, int perMinute, long retryAfter) {
        return new GatewayError(429, "rate_limited", "srooter rate limit for " + limit.id() + ": " + perMinute + " "
                + what + " per minute; try again in " + retryAfter + " s.").retryAfter(retryAfter);
    }

    /** The window's key: {@code user:*} counts each user apart. */
    private static String subject(Limit limit, Caller caller) {
        return EVERY_USER.equals(limit.id()) ? "user:" + caller.username() : limit.id();
    }

    private List<Limit> limitsOf(Caller caller) {
        Map<String, Limit> byId = current.get();
        if (byId.isEmpty() || caller == null) {
            return List.of();
        }
        List<Limit> limits = new ArrayList<>(2);
        Limit key = byId.get("key:" + caller.keyId());
        if (key != null) {
            limits.add(key);
        }
        Limit user = byId.get("user:" + caller.username());
        if (user == null) {
            user = byId.get(EVERY_USER);
        }
        if (user != null) {
            limits.add(user);
        }
        return limits;
    }

    // ---- admin

    public List<Limit> list() {
        return List.copyOf(current.get().values());
    }

    public Limit put(String id, Integer requestsPerMinute, Integer tokensPerMinute) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM rate_limits WHERE id = ?", id);
            return Sql.update(c, "INSERT INTO rate_limits (id, requests_per_minute, tokens_per_minute) VALUES (?, ?, ?)",
                    id, requestsPerMinute, tokensPerMinute);
        });
        windows.remove(id);
        reload();
        return current.get().get(id);
    }

    public boolean remove(String id) {
        int removed = sql.update("DELETE FROM rate_limits WHERE id = ?", id);
        reload();
        return removed > 0;
    }

    /** Forgets what was counted (tests, and an admin who raised a limit and wants it felt at once). */
    public void resetCounts() {
        windows.clear();
    }

    public void reload() {
        current.reload();
    }

    /** The limits as the database holds them (tests give their own). */
    Map<String, Limit> read() {
        Map<String, Limit> byId = new LinkedHashMap<>();
        sql.query("SELECT id, requests_per_minute, tokens_per_minute FROM rate_limits ORDER BY id", row -> {
            int rpm = row.getInt(2);
            Integer requests = row.wasNull() ? null : rpm;
            int tpm = row.getInt(3);
            Integer tokens = row.wasNull() ? null : tpm;
            return new Limit(row.getString(1), requests, tokens);
        }).forEach(l -> byId.put(l.id(), l));
        return Map.copyOf(byId);
    }

}
