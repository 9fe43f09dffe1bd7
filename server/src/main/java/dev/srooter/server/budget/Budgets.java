package dev.srooter.server.budget;

import dev.srooter.server.audit.SpendByUtcDay;
import dev.srooter.server.keys.Caller;
import dev.srooter.server.store.Refreshed;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Spending caps per period: org-wide, and optionally per team, user and key. Spend lives in the database and
 * only changes by atomic statements under row locks, so it stays exact with many requests at once and with
 * several gateway nodes on one database.
 *
 * <p>A request on a paid model first <em>holds</em> its estimated cost (an upper estimate) under every cap
 * that applies to its caller, and when it ends, the hold is released and its actual cost added. Holds never
 * add up to more than a cap, so requests running at once cannot overspend it together. When less is left than
 * a whole estimate, one request at a time may hold the rest ({@code whole = false}, {@code rest_held}): it is
 * the only request that can go past the cap, by at most its own cost, and once it has, nothing is left for
 * anyone, on any node.
 *
 * <p>While a cap has plenty left, requests hold against this node's {@link Leases} in memory instead: a slice of the
 * cap's allowance reserved in its row at once, so the row is written a few times a second per node, not per request.
 * Near the cap's end, holds go to the row one by one again.
 */
@ApplicationScoped
public class Budgets {

    public static final String ORG = "org";
    /** A cap set, changed or removed on another node applies here within a second. */
    private static final long TTL_MILLIS = 1_000;
    private static final int SCALE = 10;

    /** One cap, with its spend in the current period. */
    public record Budget(String id, BigDecimal limitUsd, Period period, boolean hardStop, Instant periodStart,
                         BigDecimal spentUsd, BigDecimal reservedUsd, boolean restHeld) {
        public BigDecimal remainingUsd() {
            return limitUsd.subtract(spentUsd).subtract(reservedUsd).max(BigDecimal.ZERO);
        }
    }

    /**
     * What a request holds under each cap (budget id to amount), to be settled when it ends; {@code rest}: the
     * caps whose rest it holds (less than its estimate), which no other request may hold until it is settled.
     */
    public record Hold(Map<String, BigDecimal> amounts, Set<String> rest, Set<String> leased) {
        public Hold(Map<String, BigDecimal> amounts) {
            this(amounts, Set.of(), Set.of());
        }

        public Hold(Map<String, BigDecimal> amounts, Set<String> rest) {
            this(amounts, rest, Set.of());
        }
    }

    /**
     * A cap that could not hold the estimate: {@code exhausted} when nothing at all is left; {@code hardStop}
     * when its admin wants requests refused rather than served over it.
     */
    public record Over(String budgetId, boolean hardStop, boolean exhausted) {
    }

    @Inject
    Sql sql;

    @Inject
    Leases leases;

    /** The caps (limits) by id, for the request path. */
    private final Refreshed<Map<String, Budget>> current = new Refreshed<>(TTL_MILLIS, this::read);

    /** The ids of the caps that apply to a caller, org first; empty when there are none (no database call). */
    public List<String> applicable(Caller caller) {
        Map<String, Budget> byId = current.get();
        if (byId.isEmpty() || caller == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(4);
        for (String id : new String[] {ORG, caller.team() == null ? null : "team:" + caller.team(),
                "user:" + caller.username(), "key:" + caller.keyId()}) {
            if (id != null && byId.containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /**
     * Holds {@code estimate} under each cap, all or nothing; with {@code whole} false, what is left when that is
     * less. Locks the rows in id order, so two requests never wait on each other in a circle.
     */
    public Result hold(List<String> ids, BigDecimal estimate, boolean whole) {
        if (whole && leases != null) {
            Hold leased = leases.hold(ids, estimate.setScale(SCALE, RoundingMode.UP), current.get());
            if (leased != null) {
                return new Result(leased, null);
            }
        }
        if (whole) {
            Result quick = holdWhole(ids, estimate);
            if (quick != null) {
                return quick;
            }
        }
        return sql.transaction(c -> {
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            Set<String> rest = new java.util.TreeSet<>();
            Instant now = Instant.now();
            for (String id : new java.util.TreeSet<>(ids)) {
                Optional<Budget> locked = lock(c, id, now);
                if (locked.isEmpty()) {
                    continue; // removed meanwhile
                }
                Budget budget = locked.get();
                BigDecimal left = budget.remainingUsd();
                boolean fits = left.compareTo(estimate) >= 0;
                if (left.signum() <= 0 || (!fits && (whole || budget.restHeld()))) {
                    c.rollback();
                    return new Result(null, new Over(id, budget.hardStop(), left.signum() <= 0));
                }
                BigDecimal amount = estimate.min(left).setScale(SCALE, RoundingMode.UP);
                Sql.update(c, "UPDATE budgets SET reserved_usd = reserved_usd + ?, rest_held = ? WHERE id = ?", amount,
                        !fits || budget.restHeld(), id);
                amounts.put(id, amount);
                if (!fits) {
                    rest.add(id);
                }
            }
            return new Result(new Hold(amounts, rest), null);
        });
    }

    /**
     * The common case in one conditional statement per cap: the estimate fits and the period is current. Null
     * when it does not (then the locking path decides, rolling periods and naming the cap).
     */
    private Result holdWhole(List<String> ids, BigDecimal estimate) {
        BigDecimal amount = estimate.setScale(SCALE, RoundingMode.UP);
        Instant now = Instant.now();
        return sql.transaction(c -> {
            Map<String, BigDecimal> amounts = new LinkedHashMap<>();
            for (String id : new java.util.TreeSet<>(ids)) {
                Budget known = current.get().get(id);
                Instant periodStart = known == null ? now : known.period().start(now);
                if (Sql.update(c, "UPDATE budgets SET reserved_usd = reserved_usd + ? WHERE id = ? AND period_start >= ?"
                        + " AND limit_usd - spent_usd - reserved_usd >= ?", amount, id, periodStart, amount) == 0) {
                    c.rollback();
                    return null;
                }
                amounts.put(id, amount);
            }
            return new Result(new Hold(amounts), null);
        });
    }

    /** Either a hold or the cap that had nothing left. */
    public record Result(Hold hold, Over over) {
    }

    /** Releases a hold (may be null) and adds the request's actual cost under each cap that applies. */
    public void settle(List<String> ids, Hold hold, double costUsd) {
        settle(ids, hold, usd(costUsd));
    }

    /** A request's cost as spend counts it: exact to 1e-10 USD. */
    public static BigDecimal usd(double costUsd) {
        return BigDecimal.valueOf(costUsd).setScale(SCALE, RoundingMode.HALF_UP);
    }

    public void settle(List<String> ids, Hold hold, BigDecimal cost) {
        Unsettled rest = settleLeased(ids, hold, cost);
        if (rest != null) {
            settleInDatabase(rest.ids(), rest.hold(), cost);
        }
    }

    /** What of a request's settlement is left for the database once this node's leases took their part. */
    public record Unsettled(List<String> ids, Hold hold) {
    }

    /**
     * Settles in memory what was held from this node's leases (the next flush writes it); returns the rest, for the
     * database, or null when nothing is left.
     */
    public Unsettled settleLeased(List<String> ids, Hold hold, BigDecimal cost) {
        if (hold == null || hold.leased().isEmpty() || leases == null) {
            return ids.isEmpty() && hold == null ? null : new Unsettled(ids, hold);
        }
        List<String> inDatabase = new ArrayList<>(ids.size());
        Map<String, BigDecimal> heldInDatabase = new LinkedHashMap<>();
        for (String id : ids) {
            BigDecimal held = hold.amounts().get(id);
            if (!hold.leased().contains(id) || !leases.settle(id, held, cost)) {
                inDatabase.add(id);
            }
        }
        hold.amounts().forEach((id, amount) -> {
            if (!hold.leased().contains(id)) {
                heldInDatabase.put(id, amount);
            } else if (!ids.contains(id)) {
                leases.settle(id, amount, BigDecimal.ZERO); // the cap no longer applies: give the hold back
            }
        });
        Hold rest = heldInDatabase.isEmpty() && hold.rest().isEmpty() ? null : new Hold(heldInDatabase, hold.rest());
        return inDatabase.isEmpty() && rest == null ? null : new Unsettled(inDatabase, rest);
    }

    private void settleInDatabase(List<String> ids, Hold hold, BigDecimal cost) {
        Set<String> all = new java.util.TreeSet<>(ids);
        if (hold != null) {
            all.addAll(hold.amounts().keySet());
        }
        sql.transaction(c -> {
            Instant now = Instant.now();
            for (String id : all) {
                if (lock(c, id, now).isEmpty()) {
                    continue;
                }
                BigDecimal held = hold == null ? BigDecimal.ZERO : hold.amounts().getOrDefault(id, BigDecimal.ZERO);
                spend(c, id, ids.contains(id) ? cost : BigDecimal.ZERO, held);
                if (hold != null && hold.rest().contains(id)) {
                    Sql.update(c, "UPDATE budgets SET rest_held = ? WHERE id = ?", false, id);
                }
            }
            return null;
        });
    }

    /**
     * Adds spend to a cap and takes {@code released} out of its reservations (never below zero): a request's hold
     * settled here, or what a node's lease spent and gives back ({@link Leases}).
     */
    static void spend(Connection c, String id, BigDecimal spent, BigDecimal released) throws SQLException {
        Sql.update(c, "UPDATE budgets SET spent_usd = spent_usd + ?, reserved_usd = CASE WHEN reserved_usd > ? THEN"
                + " reserved_usd - ? ELSE 0 END WHERE id = ?", spent.setScale(SCALE, RoundingMode.HALF_UP), released,
                released, id);
    }

    /**
     * Locks a cap's row (an update first: a plain select's lock may end before the transaction does) and starts
     * a new period when the current one has ended.
     */
    static Optional<Budget> lock(Connection c, String id, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE budgets SET updated_at = ? WHERE id = ?", now, id) == 0) {
            return Optional.empty();
        }
        Budget budget = read(c, id).orElseThrow();
        Instant periodStart = budget.period().start(now);
        if (budget.periodStart().isBefore(periodStart)) {
            Sql.update(c, "UPDATE budgets SET period_start = ?, spent_usd = 0, reserved_usd = 0, rest_held = ? WHERE id = ?",
                    periodStart, false, id);
            budget = read(c, id).orElseThrow();
        }
        return Optional.of(budget);
    }

    static Optional<Budget> read(Connection c, String id) throws SQLException {
        return Sql.query(c, "SELECT id, limit_usd, period, hard_stop, period_start, spent_usd, reserved_usd, rest_held"
                + " FROM budgets WHERE id = ?", Budgets::budget, id).stream().findFirst();
    }

    // ---- admin

    /**
     * Sets a cap. A new cap starts from what its subject already spent this period (from the audit log), so
     * that setting a cap mid-month does not hand out the month again.
     */
    public Budget put(String id, BigDecimal limitUsd, Period period, boolean hardStop) {
        Instant now = Instant.now();
        Instant start = period.start(now);
        sql.transaction(c -> {
            Optional<Budget> existing = read(c, id);
            if (existing.isPresent() && existing.get().period() == period
                    && !existing.get().periodStart().isBefore(start)) {
                return Sql.update(c, "UPDATE budgets SET limit_usd = ?, hard_stop = ?, updated_at = ? WHERE id = ?",
                        limitUsd, hardStop, now, id);
            }
            Sql.update(c, "DELETE FROM budgets WHERE id = ?", id);
            BigDecimal spent = spentSince(c, id, start);
            return Sql.update(c, "INSERT INTO budgets (id, limit_usd, period, hard_stop, period_start, spent_usd,"
                    + " reserved_usd, rest_held, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)", id, limitUsd,
                    period.label(), hardStop, start, spent, false, now);
        });
        reload();
        return find(id).orElseThrow();
    }

    public boolean remove(String id) {
        int removed = sql.update("DELETE FROM budgets WHERE id = ?", id);
        reload();
        return removed > 0;
    }

    public Optional<Budget> find(String id) {
        return sql.transaction(c -> read(c, id));
    }

    /** Every cap with its spend, read afresh (a period that has ended shows as such until its next request). */
    public List<Budget> list() {
        return sql.query("SELECT id, limit_usd, period, hard_stop, period_start, spent_usd, reserved_usd, rest_held"
                + " FROM budgets ORDER BY id", Budgets::budget);
    }

    private static Budget budget(java.sql.ResultSet row) throws SQLException {
        return new Budget(row.getString(1), row.getBigDecimal(2), Period.parse(row.getString(3)), row.getBoolean(4),
                row.getTimestamp(5).toInstant(), row.getBigDecimal(6), row.getBigDecimal(7), row.getBoolean(8));
    }

    /**
     * Spend per UTC day over the last {@code days} days for a cap's subject: the org's from the audit's sums by hour
     * ({@link SpendByUtcDay}), a team's, user's or key's from its records (the sums have no such dimension).
     */
    public Map<String, BigDecimal> daily(String id, int days) {
        return daily(id, Period.DAILY.start(Instant.now()).minusSeconds(86_400L * (days - 1)), days);
    }

    /** The same from a UTC midnight on. */
    Map<String, BigDecimal> daily(String id, Instant since, int days) {
        Map<String, BigDecimal> byDay = new TreeMap<>();
        for (int i = 0; i < days; i++) {
            byDay.put(SpendByUtcDay.utcDay(since.plusSeconds(86_400L * i)), BigDecimal.ZERO);
        }
        if (ORG.equals(id)) {
            SpendByUtcDay.add(sql, since, byDay);
        } else {
            String[] filter = filter(id);
            SpendByUtcDay.addEach(sql, "SELECT created_at, cost_usd FROM audit_records WHERE created_at >= ?"
                    + filter[0], byDay, since, filter[1]);
        }
        // to the places the caps keep (sums of doubles by hour end in noise: 0.30000000000000004); a day of none is 0
        byDay.replaceAll((day, spent) -> spent.signum() == 0 ? BigDecimal.ZERO
                : spent.setScale(SCALE, RoundingMode.HALF_UP));
        return byDay;
    }

    private static BigDecimal spentSince(Connection c, String id, Instant start) throws SQLException {
        String[] filter = filter(id);
        List<BigDecimal> sum = Sql.query(c, "SELECT SUM(cost_usd) FROM audit_records WHERE created_at >= ?"
                + filter[0], row -> row.getBigDecimal(1), filter[1] == null ? new Object[] {start}
                : new Object[] {start, filter[1]});
        BigDecimal spent = sum.isEmpty() || sum.get(0) == null ? BigDecimal.ZERO : sum.get(0);
        return spent.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The audit condition for a cap's subject: none for the org, else its column and value. */
    private static String[] filter(String id) {
        if (ORG.equals(id)) {
            return new String[] {"", null};
        }
        int colon = id.indexOf(':');
        String column = switch (id.substring(0, colon)) {
            case "team" -> "team";
            case "user" -> "username";
            case "key" -> "key_id";
            default -> throw new IllegalArgumentException(id);
        };
        return new String[] {" AND " + column + " = ?", id.substring(colon + 1)};
    }

    public void reload() {
        current.reload();
    }

    private Map<String, Budget> read() {
        Map<String, Budget> byId = new LinkedHashMap<>();
        for (Budget budget : list()) {
            byId.put(budget.id(), budget);
        }
        return Map.copyOf(byId);
    }

}
