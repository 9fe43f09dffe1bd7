package dev.srooter.server.budget;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's leases on the caps: instead of every request locking a cap's row to hold its estimate, the node adds a
 * slice of the cap's allowance to the row's {@code reserved_usd} at once (sized to the node's pace: two seconds of it,
 * at least twenty requests' worth) and holds requests against it in memory. The ledger's thread writes what was spent
 * every quarter second, gives back what the node's pace no longer needs, and gives back everything when the cap was
 * lowered under what is leased; so other nodes see a change within a second.
 *
 * <p>What holds: leases come out of what the cap has free, so all nodes' holds and spend together stay within it, as
 * with holds in the database. A slice is leased only while the cap has four more slices free besides; nearer its end
 * requests hold in the database one by one ({@link Budgets#hold}), which is exact. A node that stops cleanly gives its
 * leases back; one that dies keeps them at most {@link #EXPIRY_MILLIS} (its lease rows stop being renewed, and another
 * node gives them back).
 */
@ApplicationScoped
public class Leases {

    private static final Logger LOG = Logger.getLogger(Leases.class.getName());
    static final int SLICE_REQUESTS = 20;
    static final double SLICE_SECONDS = 2;
    static final int FREE_SLICES = 4;
    static final long IDLE_MILLIS = 5_000;
    static final long FLUSH_MILLIS = 250;
    static final long RENEW_MILLIS = 5_000;
    static final long EXPIRY_MILLIS = 30_000;

    @Inject
    Sql sql;

    final String node = UUID.randomUUID().toString();
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private long lastFlush = System.currentTimeMillis();
    private long lastRenew;

    public Leases() {
    }

    /** Outside the server: tests that play several nodes on one database. */
    public Leases(Sql sql) {
        this.sql = sql;
    }

    /**
     * Holds {@code amount} under every cap from this node's leases, leasing a slice where what is free runs short;
     * all or nothing. Null when a cap cannot spare a slice (or is not known here yet): the caller holds in the database.
     */
    Budgets.Hold hold(List<String> ids, BigDecimal amount, Map<String, Budgets.Budget> caps) {
        Instant now = Instant.now();
        Map<String, BigDecimal> taken = new LinkedHashMap<>();
        for (String id : new TreeSet<>(ids)) {
            Budgets.Budget cap = caps.get(id);
            if (cap == null || !take(id, cap, amount, now)) {
                taken.forEach((held, a) -> settle(held, a, BigDecimal.ZERO));
                return null;
            }
            taken.put(id, amount);
        }
        return new Budgets.Hold(taken, java.util.Set.of(), java.util.Set.copyOf(taken.keySet()));
    }

    private boolean take(String id, Budgets.Budget cap, BigDecimal amount, Instant now) {
        Lease lease = leases.computeIfAbsent(id, Lease::new);
        synchronized (lease) {
            if (lease.take(amount)) {
                return true;
            }
            if (System.currentTimeMillis() < lease.noSliceUntil) {
                return false;
            }
        }
        // One extension at a time per cap, and never under the lease's monitor: the flush takes that monitor while it
        // holds the cap's row, so waiting for the row under it would deadlock.
        synchronized (lease.extending) {
            Instant start = cap.period().start(now);
            List<BigDecimal> slices;
            BigDecimal leased;
            synchronized (lease) {
                if (lease.take(amount)) {
                    return true; // another thread extended meanwhile
                }
                leased = start.equals(lease.periodStart) ? lease.leased : BigDecimal.ZERO;
                BigDecimal paced = lease.slice(amount, lease.pace);
                BigDecimal least = lease.slice(amount, 0);
                // two seconds of the node's pace, or if the cap cannot spare that, twenty requests' worth
                slices = paced.compareTo(least) > 0 ? List.of(paced, least) : List.of(least);
            }
            for (BigDecimal slice : slices) {
                if (extend(id, start, slice, leased.add(slice))) {
                    synchronized (lease) {
                        lease.granted(start, slice);
                        return lease.take(amount);
                    }
                }
            }
            synchronized (lease) {
                lease.noSliceUntil = System.currentTimeMillis() + 1_000;
            }
            return false;
        }
    }

    /** Adds a slice to the cap's reserved allowance if the cap has it free, with room for more slices besides. */
    private boolean extend(String id, Instant start, BigDecimal slice, BigDecimal leasedAfter) {
        return sql.transaction(c -> {
            if (Sql.update(c, "UPDATE budgets SET reserved_usd = reserved_usd + ? WHERE id = ? AND period_start >= ?"
                    + " AND limit_usd - spent_usd - reserved_usd >= ?", slice, id, start,
                    slice.multiply(BigDecimal.valueOf(1 + FREE_SLICES))) == 0) {
                c.rollback();
                return false;
            }
            record(c, id, leasedAfter, start);
            return true;
        });
    }

    /**
     * A request that held {@code amount} from this node's lease on a cap ended, costing {@code cost}: in memory; the
     * next flush writes it. False when the node no longer has that lease (the cap was removed meanwhile).
     */
    boolean settle(String id, BigDecimal amount, BigDecimal cost) {
        Lease lease = leases.get(id);
        if (lease == null) {
            return false;
        }
        synchronized (lease) {
            lease.settle(amount, cost);
        }
        return true;
    }

    /** Every {@link #FLUSH_MILLIS} from the ledger's thread (at once with {@code all}: on a clean stop). */
    public void flushIfDue() {
        if (System.currentTimeMillis() - lastFlush >= FLUSH_MILLIS) {
            flush(false);
        }
    }

    /** Writes spend, resizes every lease to the node's pace, gives back what caps can no longer spare. */
    public synchronized void flush(boolean all) {
        long now = System.currentTimeMillis();
        double seconds = Math.max(0.05, (now - lastFlush) / 1000.0);
        lastFlush = now;
        for (Lease lease : leases.values()) {
            Lease.Flush flush;
            synchronized (lease) {
                flush = lease.beginFlush(lease.pace(seconds), all);
            }
            if (flush == null) {
                continue;
            }
            try {
                sql.transaction(c -> {
                    write(c, lease, flush);
                    return null;
                });
            } catch (RuntimeException e) {
                synchronized (lease) {
                    lease.undo(flush);
                }
                LOG.log(Level.WARNING, "srooter: could not write the lease on budget " + lease.id + "; retrying", e);
            }
        }
        if (all || now - lastRenew >= RENEW_MILLIS) {
            lastRenew = now;
            renewAndReclaim();
        }
    }

    private void write(Connection c, Lease lease, Lease.Flush flush) throws SQLException {
        Instant now = Instant.now();
        Optional<Budgets.Budget> row = Budgets.lock(c, lease.id, now);
        if (row.isEmpty()) { // the cap was removed: nothing to write to
            leases.remove(lease.id);
            Sql.update(c, "DELETE FROM budget_leases WHERE node = ? AND budget_id = ?", node, lease.id);
            return;
        }
        if (!row.get().periodStart().equals(flush.periodStart())) { // a new period: the old lease is void
            synchronized (lease) {
                lease.restart(row.get().periodStart());
            }
            record(c, lease.id, BigDecimal.ZERO, row.get().periodStart());
            return;
        }
        Budgets.spend(c, lease.id, flush.spent(), flush.released());
        Budgets.Budget after = Budgets.read(c, lease.id).orElseThrow();
        BigDecimal leased;
        if (after.limitUsd().subtract(after.spentUsd()).subtract(after.reservedUsd()).signum() < 0) {
            // the cap was lowered under what the nodes lease: give back all that is free, and lease no more for now
            BigDecimal free;
            synchronized (lease) {
                free = lease.giveBackAll();
                lease.noSliceUntil = System.currentTimeMillis() + 1_000;
            }
            Budgets.spend(c, lease.id, BigDecimal.ZERO, free);
        }
        synchronized (lease) {
            leased = lease.leased;
        }
        record(c, lease.id, leased.max(BigDecimal.ZERO), flush.periodStart());
    }

    /** This node's outstanding lease on a cap, for the nodes that give back a dead node's leases. */
    private void record(Connection c, String id, BigDecimal leased, Instant periodStart) throws SQLException {
        Instant now = Instant.now();
        if (Sql.update(c, "UPDATE budget_leases SET amount = ?, period_start = ?, renewed_at = ? WHERE node = ?"
                + " AND budget_id = ?", leased, periodStart, now, node, id) == 0) {
            Sql.update(c, "INSERT INTO budget_leases (node, budget_id, amount, period_start, renewed_at)"
                    + " VALUES (?, ?, ?, ?, ?)", node, id, leased, periodStart, now);
        }
    }

    /**
     * Renews this node's lease rows, and gives back the leases of nodes that stopped renewing theirs
     * ({@link #EXPIRY_MILLIS}): each at most once (the row is deleted in the same transaction), and only into the
     * period it was leased in.
     */
    private void renewAndReclaim() {
        try {
            Instant now = Instant.now();
            sql.update("UPDATE budget_leases SET renewed_at = ? WHERE node = ?", now, node);
            Instant expired = now.minusMillis(EXPIRY_MILLIS);
            record Stale(String node, String budgetId, BigDecimal amount, Instant periodStart) {
            }
            List<Stale> stale = sql.query("SELECT node, budget_id, amount, period_start FROM budget_leases"
                    + " WHERE renewed_at < ?", r -> new Stale(r.getString(1), r.getString(2), r.getBigDecimal(3),
                    r.getTimestamp(4).toInstant()), expired);
            for (Stale s : stale) {
                sql.transaction(c -> {
                    Optional<Budgets.Budget> row = Budgets.lock(c, s.budgetId(), now);
                    if (Sql.update(c, "DELETE FROM budget_leases WHERE node = ? AND budget_id = ? AND renewed_at < ?",
                            s.node(), s.budgetId(), expired) == 1 && row.isPresent()
                            && row.get().periodStart().equals(s.periodStart()) && s.amount().signum() > 0) {
                        Budgets.spend(c, s.budgetId(), BigDecimal.ZERO, s.amount());
                        LOG.info("srooter: gave back " + s.amount() + " USD leased on budget " + s.budgetId()
                                + " by node " + s.node() + ", which stopped renewing its leases");
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not renew budget leases", e);
        }
    }

    /** On a clean stop: writes all spend and gives every lease back. */
    public void returnAll() {
        flush(true);
        try {
            sql.update("DELETE FROM budget_leases WHERE node = ? AND amount = 0", node);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: could not remove this node's lease rows", e);
        }
    }

    /** For tests: what this node holds leased on a cap (0 when none). */
    BigDecimal leased(String id) {
        Lease lease = leases.get(id);
        if (lease == null) {
            return BigDecimal.ZERO;
        }
        synchronized (lease) {
            return lease.leased;
        }
    }

    /** For tests: the lease itself. */
    Lease lease(String id) {
        return leases.get(id);
    }
}
