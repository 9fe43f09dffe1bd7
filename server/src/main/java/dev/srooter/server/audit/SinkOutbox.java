package dev.srooter.server.audit;

import dev.srooter.api.AuditEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One audit sink's batches waiting for it, and the thread of its own that hands them over.
 *
 * <p>The audit writer only leaves batches here: a sink whose receiver hangs or is away (each batch then takes its
 * timeout, three times) would otherwise hold the writer, the database's records would queue behind it, and once the
 * queue was full every request thread would wait for a SIEM. The database has every record whatever a sink does, so
 * a sink that falls this far behind keeps the newest {@link #MAX_RECORDS} and drops the oldest, counted and logged;
 * and each sink has its own thread, so one broken sink never holds up another.
 */
final class SinkOutbox {

    private static final Logger LOG = Logger.getLogger(SinkOutbox.class.getName());

    /**
     * The records one sink may be behind by: at a team's tens of requests a second, hours of a receiver's absence;
     * at a loaded node's thousands, several seconds. Waiting records are objects, about a kilobyte each.
     */
    static final int MAX_RECORDS = 20_000;

    private final String name;
    private final int maxRecords;
    private final Consumer<List<AuditEvent>> handOver;
    private final ArrayDeque<List<AuditEvent>> batches = new ArrayDeque<>();
    private final Thread thread;
    private int waiting;
    private long dropped;
    private boolean busy;
    private boolean stopping;
    private long lastDropLogNanos;

    /** {@code handOver} delivers one batch, retrying as it sees fit; it should not throw. */
    SinkOutbox(String name, int maxRecords, Consumer<List<AuditEvent>> handOver) {
        this.name = name;
        this.maxRecords = maxRecords;
        this.handOver = handOver;
        this.thread = new Thread(this::run, "srooter-audit-sink-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Leaves a batch for the sink; never waits. */
    synchronized void offer(List<AuditEvent> batch) {
        if (stopping || batch.isEmpty()) {
            return;
        }
        batches.addLast(batch);
        waiting += batch.size();
        long droppedNow = 0;
        List<AuditEvent> inFlight = busy ? batches.pollFirst() : null; // being handed over: not dropped
        while (waiting > maxRecords && batches.size() > 1) { // the oldest go, never the newest
            int size = batches.removeFirst().size();
            waiting -= size;
            droppedNow += size;
        }
        if (inFlight != null) {
            batches.addFirst(inFlight);
        }
        if (droppedNow > 0) {
            dropped += droppedNow;
            long now = System.nanoTime();
            if (now - lastDropLogNanos > 60_000_000_000L || lastDropLogNanos == 0) { // once a minute at most
                lastDropLogNanos = now;
                LOG.severe("srooter: audit sink " + name + " is " + maxRecords + " records behind; its oldest"
                        + " waiting records are dropped (" + dropped + " so far; the database has them all)");
            }
        }
        notifyAll();
    }

    /** Records waiting for the sink, the one being handed over included. */
    synchronized int waiting() {
        return waiting;
    }

    /** Records dropped since the node started, because the sink was too far behind. */
    synchronized long dropped() {
        return dropped;
    }

    private void run() {
        while (true) {
            List<AuditEvent> batch;
            synchronized (this) {
                while (batches.isEmpty() && !stopping) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (batches.isEmpty()) {
                    return;
                }
                batch = batches.peekFirst(); // stays counted while it is handed over
                busy = true;
            }
            try {
                handOver.accept(batch);
            } catch (RuntimeException | LinkageError e) {
                LOG.severe("srooter: audit sink " + name + " lost a batch of " + batch.size() + ": " + e);
            } finally {
                synchronized (this) {
                    busy = false;
                    batches.removeFirst(); // the batch handed over: offer never drops it
                    waiting -= batch.size();
                    notifyAll();
                }
            }
        }
    }

    /**
     * Stops taking batches and waits up to {@code millis} for those waiting to be handed over (a clean stop loses
     * none to a receiver that answers); true when all were.
     */
    boolean stop(long millis) {
        long until = System.currentTimeMillis() + millis;
        synchronized (this) {
            stopping = true;
            notifyAll();
            while ((busy || !batches.isEmpty()) && System.currentTimeMillis() < until) {
                try {
                    wait(Math.max(1, until - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (busy || !batches.isEmpty()) {
                LOG.severe("srooter: audit sink " + name + " was stopped with " + waiting
                        + " records not handed over (the database has them)");
                thread.interrupt();
                return false;
            }
            return true;
        }
    }
}
