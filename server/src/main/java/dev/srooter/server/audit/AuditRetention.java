package dev.srooter.server.audit;

import dev.srooter.server.admin.AdminEvents;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Removes audit records older than the retention the deployment sets ({@code SROOTER_AUDIT_RETENTION_DAYS}, or
 * {@code -Dsrooter.audit.retention.days}; 0, the default, keeps every record for ever).
 *
 * <p>The retention is read from the server's configuration only, never from the admin API, so no account, an admin's
 * included, can shorten it to wipe the records of what it did. It is never under {@link #MIN_DAYS}: budgets are
 * checked against the records of their period, the longest a month, and a shorter retention would let spend slip
 * past a cap. The hourly sums and the tasks' totals the overview and the tasks page read are kept whole; an export to
 * an audit sink is how records are kept for longer.
 *
 * <p>Records go {@link #CHUNK} to a transaction, and the pass rests as long as each chunk took: the first pass after a
 * retention is turned on may remove millions, and must not take the database from the audit writer meanwhile.
 * Each pass that removed records says so in the admin change log, as the {@code srooter} system account.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());

    /** The longest budget period (a month, up to 31 days) and a few days' margin. */
    public static final int MIN_DAYS = 35;

    static final int CHUNK = 500;

    @Inject
    Sql sql;

    @Inject
    AdminEvents events;

    /** The days to keep as configured, raised to {@link #MIN_DAYS} (with a warning) when set under it; 0: for ever. */
    public static int days(long configured) {
        if (configured <= 0) {
            return 0;
        }
        if (configured < MIN_DAYS) {
            LOG.warning("srooter: SROOTER_AUDIT_RETENTION_DAYS=" + configured + " is under the " + MIN_DAYS
                    + " days that budgets need (a month's records and a margin); keeping " + MIN_DAYS + " days");
            return MIN_DAYS;
        }
        // a century at most: more is the same as for ever here, and a larger long would not fit the int it is kept in
        return (int) Math.min(configured, 36_500);
    }

    /** The days kept (0: for ever), and the last pass: when it ended, what it removed, why it failed. */
    private volatile int keptDays;
    private volatile Instant lastPassAt;
    private volatile long lastRemoved;
    private volatile String lastFailure;

    /**
     * Schedules the passes for {@code days} (from {@link #days(long)}): the first five minutes after start, out of
     * the way of a node's first requests, then four a day. Nothing when {@code days} is 0; null then.
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, int days) {
        keptDays = days;
        if (days <= 0) {
            return null;
        }
        LOG.info("srooter: audit records older than " + days + " days are removed (SROOTER_AUDIT_RETENTION_DAYS)");
        return scheduler.scheduleWithFixedDelay(() -> pass(days), FIRST_PASS_MINUTES, 360, TimeUnit.MINUTES);
    }

    static final int FIRST_PASS_MINUTES = 5;

    /** What the readiness check reports: the retention in force and how its last pass went. */
    public String status() {
        if (keptDays <= 0) {
            return "off: every record is kept";
        }
        Instant last = lastPassAt;
        if (last == null) {
            return keptDays + " days; the first pass comes " + FIRST_PASS_MINUTES + " minutes after start";
        }
        String failure = lastFailure;
        return keptDays + " days; last pass " + last + ": " + lastRemoved + " removed"
                + (failure == null ? "" : ", then failed (" + failure + "); the next pass tries again");
    }

    /** The scheduled pass: a failure (the database away) is logged, and the next pass tries again. */
    public void pass(int days) {
        lastRemoved = 0;
        lastFailure = null;
        try {
            removeOlderThan(days, Instant.now());
        } catch (RuntimeException e) {
            lastFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.warning("srooter: audit retention failed; the next pass tries again: " + e.getMessage());
        } finally {
            lastPassAt = Instant.now();
        }
    }

    /** One pass: removes every record created before {@code days} days before {@code now}; how many it removed. */
    public long removeOlderThan(int days, Instant now) {
        if (days <= 0) {
            return 0;
        }
        Instant before = now.minus(Duration.ofDays(days));
        long removed = 0;
        try {
            while (true) {
                long started = System.nanoTime();
                List<String> ids = sql.query(CHUNK, "SELECT id FROM audit_records WHERE created_at < ?",
                        row -> row.getString(1), before);
                if (ids.isEmpty()) {
                    break;
                }
                String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
                removed += sql.update("DELETE FROM audit_records WHERE id IN (" + marks + ")", ids.toArray());
                lastRemoved = removed;
                if (ids.size() < CHUNK || !rested(System.nanoTime() - started)) {
                    break;
                }
            }
        } finally { // a pass cut short by a failure still says what it removed before it
            if (removed > 0) {
                String what = "removed " + removed + " audit records created before " + before
                        + " (SROOTER_AUDIT_RETENTION_DAYS=" + days + ")";
                LOG.info("srooter: audit retention " + what);
                events.record("srooter", "system", "DELETE", "/api/audit (retention)", 200, what);
            }
        }
        return removed;
    }

    /** Rests for as long as the last chunk took; false when the server is stopping (the next pass goes on). */
    private static boolean rested(long nanos) {
        try {
            Thread.sleep(Math.min(1000, nanos / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
