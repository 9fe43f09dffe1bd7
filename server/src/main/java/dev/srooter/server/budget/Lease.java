package dev.srooter.server.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One cap's allowance leased by this node, spent in memory: {@code leased} is what the node added to the cap's
 * {@code reserved_usd} on its own behalf; of it, {@code held} is held by requests running now, {@code unflushed} was
 * spent by requests that ended and is not yet written, and {@code available} is free for the next request
 * ({@code leased = available + held + unflushed}). Every method runs under the lease's monitor.
 */
final class Lease {

    /**
     * What one flush takes out of the lease to write: spend to count, allowance given back, and what leaves the cap's
     * reservation (both, but never more than the node leased: a request that cost more than it held spent beyond it).
     */
    record Flush(Instant periodStart, BigDecimal spent, BigDecimal givenBack, BigDecimal released) {
    }

    final String id;
    /** Held by the one thread leasing a new slice for this cap (never with the lease's own monitor). */
    final Object extending = new Object();
    Instant periodStart;
    BigDecimal leased = BigDecimal.ZERO;
    BigDecimal available = BigDecimal.ZERO;
    BigDecimal held = BigDecimal.ZERO;
    BigDecimal unflushed = BigDecimal.ZERO;
    /** Held since the last flush: the node's pace on this cap, which sizes its slices. */
    private BigDecimal used = BigDecimal.ZERO;
    private BigDecimal lastAmount = BigDecimal.ZERO;
    /** Per second, as of the last flush. */
    double pace;
    private long idleSince = Long.MAX_VALUE;
    /** No new slice before this (the cap cannot spare one): requests hold in the database meanwhile. */
    long noSliceUntil;

    Lease(String id) {
        this.id = id;
    }

    boolean take(BigDecimal amount) {
        lastAmount = amount;
        if (periodStart == null || available.compareTo(amount) < 0) {
            return false;
        }
        available = available.subtract(amount);
        held = held.add(amount);
        used = used.add(amount);
        return true;
    }

    /** A request that held {@code amount} here ended having cost {@code cost}. */
    void settle(BigDecimal amount, BigDecimal cost) {
        held = held.subtract(amount);
        available = available.add(amount).subtract(cost);
        unflushed = unflushed.add(cost);
    }

    /** What the lease should have free: enough for many requests like the last and for two seconds of pace. */
    BigDecimal target(BigDecimal amount, double pacePerSecond) {
        BigDecimal forRequests = amount.multiply(BigDecimal.valueOf(Leases.SLICE_REQUESTS));
        return forRequests.max(BigDecimal.valueOf(pacePerSecond * Leases.SLICE_SECONDS));
    }

    /** The slice to lease when {@code amount} does not fit in what is free. */
    BigDecimal slice(BigDecimal amount, double pacePerSecond) {
        return target(amount, pacePerSecond).add(amount.subtract(available).max(BigDecimal.ZERO))
                .setScale(10, java.math.RoundingMode.UP);
    }

    void granted(Instant start, BigDecimal slice) {
        if (periodStart != null && !periodStart.equals(start)) {
            restart(start);
        }
        periodStart = start;
        leased = leased.add(slice);
        available = available.add(slice);
    }

    /**
     * A new period began: what was leased in the old one is no longer in the cap's row (the roll reset it), and its
     * spend counted there. Requests still holding count against the new lease, which is empty.
     */
    void restart(Instant start) {
        periodStart = start;
        leased = BigDecimal.ZERO;
        unflushed = BigDecimal.ZERO;
        available = held.negate();
    }

    /** The node's pace on this cap since the last flush, per second. */
    double pace(double seconds) {
        double pace = used.doubleValue() / seconds;
        long now = System.currentTimeMillis();
        if (used.signum() > 0) {
            idleSince = Long.MAX_VALUE;
        } else if (idleSince == Long.MAX_VALUE) {
            idleSince = now;
        }
        used = BigDecimal.ZERO;
        this.pace = pace;
        return pace;
    }

    /**
     * Takes what to write out of the lease: all spend not yet written, and the allowance beyond what the node's pace
     * needs (all of it when {@code all}, or when the cap has been idle here for a few seconds, so that an idle node
     * does not sit on allowance other nodes could use). Null when there is nothing to write.
     */
    Flush beginFlush(double pacePerSecond, boolean all) {
        if (periodStart == null) {
            return null;
        }
        boolean idle = System.currentTimeMillis() - idleSince > Leases.IDLE_MILLIS;
        BigDecimal keep = all || idle ? BigDecimal.ZERO : target(lastAmount, pacePerSecond);
        BigDecimal givenBack = BigDecimal.ZERO;
        if (available.compareTo(keep.add(keep)) > 0 || ((all || idle) && available.signum() > 0)) {
            givenBack = available.subtract(keep);
        }
        if (unflushed.signum() == 0 && givenBack.signum() == 0 && leased.signum() == 0) {
            return null;
        }
        BigDecimal released = unflushed.add(givenBack).min(leased.max(BigDecimal.ZERO));
        Flush flush = new Flush(periodStart, unflushed, givenBack, released);
        unflushed = BigDecimal.ZERO;
        available = available.subtract(givenBack);
        leased = leased.subtract(released);
        return flush;
    }

    /** The flush could not be written: it stays in the lease for the next one. */
    void undo(Flush flush) {
        if (!flush.periodStart().equals(periodStart)) {
            return;
        }
        unflushed = unflushed.add(flush.spent());
        available = available.add(flush.givenBack());
        leased = leased.add(flush.released());
    }

    /** Gives back all that is free (the cap was lowered under what is leased); returns how much. */
    BigDecimal giveBackAll() {
        BigDecimal free = available.max(BigDecimal.ZERO);
        available = available.subtract(free);
        leased = leased.subtract(free);
        return free;
    }
}
