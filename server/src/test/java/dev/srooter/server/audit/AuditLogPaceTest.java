package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.AuditRecord;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under a load that kept both cores busy the audit writer fell behind, and its queue grew towards 100,000 records: a
 * hundred megabytes of heap and seconds of work owed to later requests. Request threads now wait for a writer more than
 * {@link AuditLog#PACE_AT} behind, except while the database is away or hangs, when the queue is what keeps the
 * records.
 */
class AuditLogPaceTest {

    /**
     * A database that takes 20 us of processor a record (about 50,000 a second), or is away for a while, or hangs
     * (holds every write until let go).
     */
    static final class SlowDatabase extends AuditStore {
        final AtomicInteger stored = new AtomicInteger();
        volatile boolean away;
        volatile CountDownLatch held = new CountDownLatch(0);

        @Override
        public void saveAll(List<AuditRecord> records, boolean writerBehind) {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (away) {
                throw new IllegalStateException("audit batch insert failed",
                        new SQLException("Connection refused", "08001"));
            }
            long until = System.nanoTime() + records.size() * 20_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            stored.addAndGet(records.size());
        }
    }

    private static AuditLog started(SlowDatabase database) {
        AuditLog log = new AuditLog();
        log.store = database;
        log.sinks = new AuditSinks(); // none enabled: the database only
        log.threads = new AuditLogTest.PlainThreads();
        log.start();
        return log;
    }

    /** Submits {@code count} records from eight threads as fast as they can; returns the largest backlog seen. */
    private static int flood(AuditLog log, int count) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger largest = new AtomicInteger();
        Thread[] submitters = new Thread[8];
        for (int t = 0; t < submitters.length; t++) {
            submitters[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    AuditRecord r = new AuditRecord();
                    r.id = "req_" + i;
                    log.submit(r, null);
                    largest.accumulateAndGet(log.backlog(), Math::max);
                }
            });
            submitters[t].start();
        }
        for (Thread t : submitters) {
            t.join();
        }
        return largest.get();
    }

    @Test
    void requestThreadsWaitForAWriterThatFallsBehind() throws InterruptedException {
        SlowDatabase database = new SlowDatabase();
        AuditLog log = started(database);
        int largest = flood(log, 30_000);
        log.stop();
        assertEquals(30_000, database.stored.get(), "every record written");
        // without the pace the backlog reaches most of the 30,000: eight threads submit millions a second
        assertTrue(largest < 2 * AuditLog.PACE_AT, "the backlog stayed near the mark: " + largest);
        // the waits are counted, for srooter_audit_paced_seconds: they show nowhere else
        assertTrue(log.pacedRequests() > 0, "paced requests counted");
        assertTrue(log.pacedMillis() > 0, "their waits added up");
    }

    @Test
    @Timeout(30) // without the stuck rule, minutes
    void aDatabaseThatHangsHoldsNoOneForLong() throws InterruptedException {
        SlowDatabase database = new SlowDatabase();
        CountDownLatch release = new CountDownLatch(1);
        AuditLog log = started(database);
        database.held = release; // the next write hangs until released
        long start = System.nanoTime();
        int largest = flood(log, 3 * AuditLog.PACE_AT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // past the mark each submitter waits at most until the writer counts as stuck; without that, each of the
        // 8,000 submissions past it would wait 200 ms (over three minutes for eight threads)
        assertTrue(millis < AuditLog.STUCK_MS + 10 * AuditLog.PACE_LONGEST_MS,
                "submitting went on once the writer was stuck: " + millis + " ms");
        assertTrue(largest > 2 * AuditLog.PACE_AT, "the queue kept the records: " + largest);
        release.countDown();
        log.stop();
        assertEquals(3 * AuditLog.PACE_AT, database.stored.get(), "all written once it answered");
    }

    @Test
    void whileTheDatabaseIsAwayTheQueueTakesTheRecordsAndNoOneWaits() throws InterruptedException {
        SlowDatabase database = new SlowDatabase();
        database.away = true;
        AuditLog log = started(database);
        AuditRecord first = new AuditRecord();
        first.id = "req_first";
        log.submit(first, null);
        for (int i = 0; i < 200 && !log.databaseAway(); i++) {
            Thread.sleep(10); // the writer finds the database away on its first batch
        }
        assertTrue(log.databaseAway());
        long start = System.nanoTime();
        int largest = flood(log, 3 * AuditLog.PACE_AT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the writer has a first batch in hand and keeps it until the database returns; the rest queue up
        assertTrue(largest > 2 * AuditLog.PACE_AT, "the queue kept the records: " + largest);
        assertTrue(millis < AuditLog.PACE_LONGEST_MS, "no request waited for an absent database: " + millis + " ms");
        assertEquals(0, log.pacedRequests(), "none counted as paced");
        database.away = false;
        log.stop();
        assertEquals(3 * AuditLog.PACE_AT + 1, database.stored.get(), "all written once it returned");
    }
}
