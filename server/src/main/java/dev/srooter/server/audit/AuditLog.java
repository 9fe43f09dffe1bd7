package dev.srooter.server.audit;

import dev.srooter.server.security.Sha256;
import dev.srooter.server.store.AuditRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes finished exchanges from request threads and writes them to the database from one writer
 * thread, in batches. Request threads compute the prompt's digest and enqueue; the writer does the rest. A
 * clean stop drains the queue before returning, so no record is lost; a batch the database refuses
 * is written record by record, so one bad record never takes its batch with it, and kept while the
 * database is away.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int BATCH = 2000;
    /** How long the writer lets records gather before a write: each write is one commit, and commits cost. */
    private static final long GATHER_MILLIS = 100;
    /**
     * The backlog beyond which request threads wait for the writer (see {@link #pace}): two full batches, under a
     * second of records at the most this machine serves, a few megabytes.
     */
    static final int PACE_AT = 2 * BATCH;
    /** The longest one request thread waits for the writer, so that a writer that stalls holds no one for long. */
    static final long PACE_LONGEST_MS = 200;
    /**
     * A writer that has saved nothing for this long is stuck (a database that hangs rather than refuses), not slow:
     * then no one waits for it, and the queue keeps the records as in an outage.
     */
    static final long STUCK_MS = 2_000;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    AuditStore store;

    @Inject
    AuditSinks sinks;

    /** Records waiting for the writer, each packed into one array ({@link PackedRecord}: why). */
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread writer;
    /** Set while the writer keeps a batch the database refused for being away (see {@link #save}). */
    private volatile boolean databaseAway;
    /** When the writer last saved a batch (or started). */
    private volatile long savedAtNanos;
    /** Requests that waited for the writer ({@link #pace}), and how long in all: the pace seen from outside. */
    private final LongAdder pacedRequests = new LongAdder();
    private final LongAdder pacedNanos = new LongAdder();

    public void start() {
        running = true;
        savedAtNanos = System.nanoTime();
        writer = threads.newThread(this::writeUntilStopped);
        writer.setName("srooter-audit-writer");
        writer.start();
    }

    @Inject
    dev.srooter.server.ops.GatewayMetrics metrics;

    /** Records queued and not yet written. */
    public int backlog() {
        return queue.size();
    }

    /** Whether the writer is keeping a batch because the database is away. */
    boolean databaseAway() {
        return databaseAway;
    }

    /** Whether the writer thread runs (false before start and after it died). */
    public boolean writerAlive() {
        Thread current = writer;
        return current != null && current.isAlive();
    }

    /**
     * Queues a record; waits a little when the writer is behind ({@link #pace}), and blocks only if it is 100,000
     * records behind (the database away), rather than lose one. The prompt's digest is taken here, on the caller's
     * thread (after the answer has gone out, about 30 us for 60 KB), so that the queue holds records, not prompts:
     * queued with their prompts, the records waiting for the writer's next batch held 70 MB of 60 KB bodies under load
     * (most of the live heap; bench/README.md), and a database outage could have queued 100,000 bodies of up to 32 MB
     * each. The record is queued packed, as one array of a few hundred bytes ({@link PackedRecord}).
     */
    public void submit(AuditRecord record, byte[] prompt) {
        if (metrics != null) {
            metrics.observe(record); // every record, the gateway's and srooter's own calls, counts the same
        }
        if (prompt != null && record.promptSha256 == null) {
            record.promptSha256 = Sha256.hex(prompt);
        }
        try {
            queue.put(PackedRecord.pack(record));
            if (queue.size() > PACE_AT && writing()) {
                pace();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.severe("srooter: interrupted while queueing audit record " + record.id);
        }
    }

    /**
     * Holds the calling request thread until the writer is back under {@link #PACE_AT}, for at most
     * {@link #PACE_LONGEST_MS}. The answer's bytes are out by now; a streamed answer's closing chunk and the
     * connection's next request wait. The writer falls behind only when the processor is short: it writes a record in
     * about 50 us of processor time, but under a load that keeps every core busy it is one thread among dozens, and at
     * 2 KB and 32 connections on two cores the backlog grew by about 650 records a second (53,155 after 80 s), towards
     * the queue's bound of 100,000: tens of megabytes of heap, and seconds of work owed to later requests
     * (bench/README.md, "The audit writer fell behind under load"). Waiting here gives the writer the processor the
     * requests were taking, so the gateway serves what it can also record. Not while the database is away, or hangs
     * (no batch saved for {@link #STUCK_MS}): then the queue is what keeps the records, up to its bound, and requests
     * go on.
     */
    private void pace() throws InterruptedException {
        long start = System.nanoTime();
        long until = start + PACE_LONGEST_MS * 1_000_000;
        boolean waited = false;
        while (queue.size() > PACE_AT && writing() && System.nanoTime() < until) {
            waited = true;
            Thread.sleep(1);
        }
        if (waited) {
            long nanos = System.nanoTime() - start;
            pacedRequests.increment();
            pacedNanos.add(nanos);
            if (metrics != null) {
                metrics.paced(nanos);
            }
        }
    }

    /** How many requests have waited for the writer since the node started. */
    public long pacedRequests() {
        return pacedRequests.sum();
    }

    /** How long they waited, in all, in milliseconds. */
    public double pacedMillis() {
        return pacedNanos.sum() / 1e6;
    }

    /** A batch is in the database: it is there, and the writer is getting on. */
    private void written() {
        databaseAway = false;
        savedAtNanos = System.nanoTime();
    }

    /** Whether the writer is at work and getting on with it: alive, the database there, a batch saved lately. */
    private boolean writing() {
        return !databaseAway && writerAlive() && System.nanoTime() - savedAtNanos < STUCK_MS * 1_000_000;
    }

    /** Writes everything queued so far and stops the writer. */
    public void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<byte[]> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            write(rest, true); // the writer did not finish in time, or was interrupted
        }
        sinks.stop(SINKS_AT_STOP_MS);
    }

    /** How long a clean stop waits for the audit sinks to take what waits for them (the database has it all). */
    static final long SINKS_AT_STOP_MS = 10_000;

    private void writeUntilStopped() {
        List<byte[]> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                byte[] first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // A whole batch already waiting means the writer is behind: it writes at once, and in the statements
                // that cost it least (AuditStore.rowsPerStatement). Otherwise records gather for a tenth of a second.
                boolean behind = !running || queue.size() >= BATCH;
                if (!behind) {
                    Thread.sleep(GATHER_MILLIS);
                }
                queue.drainTo(batch, BATCH - 1);
                write(batch, behind);
                batch.clear();
            } catch (InterruptedException e) {
                // The server is stopping this thread; stop() writes whatever is left.
                return;
            }
        }
    }

    /** How long the writer keeps a batch while the database is unreachable before it reports it lost. */
    static final long OUTAGE_WAIT_MS = 120_000;

    /** Unpacks a batch just before writing it, so its records are objects only while it is written. */
    private void write(List<byte[]> packed, boolean behind) {
        List<AuditRecord> batch = new ArrayList<>(packed.size());
        for (byte[] record : packed) {
            batch.add(PackedRecord.unpack(record));
        }
        sinks.deliver(save(batch, behind));
    }

    /**
     * Saves a batch. When the database refuses it, record by record: a record the database refuses for what it
     * holds (a data or constraint error) is the only one lost, and logged by id; the others are saved. While the
     * database is away (every record refused for another reason), waits and tries again for up to
     * {@link #OUTAGE_WAIT_MS}, so an outage of a few seconds loses nothing. Returns what was saved.
     *
     * @param behind whether the writer found a whole batch waiting ({@link AuditStore#saveAll(List, boolean)})
     */
    List<AuditRecord> save(List<AuditRecord> records, boolean behind) {
        long giveUp = System.currentTimeMillis() + OUTAGE_WAIT_MS;
        List<AuditRecord> pending = new ArrayList<>(records);
        List<AuditRecord> saved = new ArrayList<>(records.size());
        for (int attempt = 1; ; attempt++) {
            try {
                store.saveAll(pending, behind);
                saved.addAll(pending);
                written();
                return saved;
            } catch (RuntimeException batchRefused) {
                RuntimeException outage = null;
                for (AuditRecord r : new ArrayList<>(pending)) {
                    try {
                        store.saveAll(List.of(r));
                        saved.add(r);
                        pending.remove(r);
                    } catch (RuntimeException e) {
                        if (AuditStore.refusedForItsContent(e)) {
                            LOG.log(Level.SEVERE, "srooter: the database refused audit record " + r.id
                                    + "; the other records of its batch are kept", e);
                            pending.remove(r);
                        } else {
                            outage = e;
                        }
                    }
                }
                if (pending.isEmpty()) {
                    written();
                    return saved;
                }
                databaseAway = true;
                if (System.currentTimeMillis() > giveUp) {
                    databaseAway = false; // given up on this batch: the next one finds out afresh
                    LOG.log(Level.SEVERE, "srooter: could not write " + pending.size() + " audit records; the"
                            + " database was unavailable for " + OUTAGE_WAIT_MS / 1000 + " s", outage);
                    return saved;
                }
                LOG.log(Level.WARNING, "srooter: audit write failed, retrying " + pending.size() + " records", outage);
                try {
                    Thread.sleep(Math.min(200L * attempt, 2_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    giveUp = 0; // stopping: one more try, then report what could not be written
                }
            }
        }
    }
}
