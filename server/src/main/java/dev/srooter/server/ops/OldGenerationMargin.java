package dev.srooter.server.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Calls a full collection when the old generation's free space falls under a fixed margin, so that the heap grows
 * only when what stays live needs it.
 *
 * <p>Why: a generational collector that stops the world (Parallel, which srooter ships with, or Serial) promotes the
 * survivors of each young collection into the old generation. When what one young collection promotes is more than the
 * old generation has free, the collector grows the heap instead of collecting it, by 64 MB with the shipped options,
 * and the process keeps that memory. Parallel calls a full collection ahead of that point only when the free space
 * falls under its estimate of the next promotion (an average plus deviations), and a burst larger than the estimate
 * grew the heap under load in about one benchmark run of three with no more live data (bench/README.md). A fixed margin
 * bounds it: a promotion smaller than the margin finds room, as long as the full collection the margin calls runs
 * before the next young collection (it is called as soon as the JVM gives notice; young collections come tens of
 * milliseconds apart under load).
 *
 * <p>How: the old generation's usage threshold is set at its committed size less the margin. The JVM compares usage
 * with it at the end of each collection and tells this listener, on its notification thread, when it is crossed.
 * Nothing runs on the request path, and nothing at all while there is room.
 *
 * <p>When a full collection cannot make room (what is live fills the old generation but for less than twice the
 * margin), calling more would collect back to back for nothing: the margin stands aside until the collector has grown
 * the heap, and is then set again below the new size.
 */
public final class OldGenerationMargin implements NotificationListener {

    private static final Logger LOG = Logger.getLogger(OldGenerationMargin.class.getName());

    /** The old generations of the collectors the margin is for; G1 and ZGC size their heaps another way. */
    private static final List<String> POOLS = List.of("PS Old Gen", "Tenured Gen");

    private final MemoryPoolMXBean pool;
    private final long margin;
    private final AtomicLong collections = new AtomicLong();

    private OldGenerationMargin(MemoryPoolMXBean pool, long margin) {
        this.pool = pool;
        this.margin = margin;
    }

    /**
     * Watches the old generation with this margin; empty when the margin is 0 or the JVM's collector has no such
     * generation (the collector's own policy then stands).
     */
    public static Optional<OldGenerationMargin> start(long marginBytes) {
        if (marginBytes <= 0) {
            return Optional.empty();
        }
        Optional<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
                .filter(p -> POOLS.contains(p.getName())).findFirst();
        if (old.isEmpty()) {
            LOG.info("srooter: no old generation the heap margin applies to (collector: "
                    + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName() + "); not watching");
            return Optional.empty();
        }
        OldGenerationMargin watch = new OldGenerationMargin(old.get(), marginBytes);
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(watch, null, null);
        watch.pool.setUsageThreshold(threshold(watch.pool.getUsage().getCommitted(), 0, marginBytes));
        LOG.info("srooter: a full collection is called when " + watch.pool.getName() + " has under "
                + (marginBytes >> 20) + " MB free");
        return Optional.of(watch);
    }

    /** Stops watching: the listener is removed, so a redeployed application leaves none behind. */
    public void stop() {
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(this);
        } catch (ListenerNotFoundException gone) {
            // already removed
        }
        pool.setUsageThreshold(0);
    }

    /** The free space under which it calls a full collection, in bytes. */
    public long margin() {
        return margin;
    }

    /** The full collections the margin has called since it started (the {@code srooter_heap_margin_collections} gauge). */
    public long collections() {
        return collections.get();
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(n.getType())) {
            crossed();
        }
    }

    private synchronized void crossed() {
        MemoryUsage now = pool.getUsage();
        if (!needsCollection(now.getCommitted(), now.getUsed(), margin)) {
            // the heap has grown since the threshold was set: set it below the new size
            pool.setUsageThreshold(threshold(now.getCommitted(), 0, margin));
            return;
        }
        System.gc(); // a full collection with Parallel and Serial
        collections.incrementAndGet();
        MemoryUsage after = pool.getUsage();
        long next = threshold(after.getCommitted(), after.getUsed(), margin);
        if (next == after.getCommitted()) {
            LOG.info("srooter: " + (after.getUsed() >> 20) + " MB stay live in an old generation of "
                    + (after.getCommitted() >> 20) + " MB; the heap margin waits until the heap has grown");
        }
        pool.setUsageThreshold(next);
    }

    /** Whether the old generation has less than the margin free. */
    static boolean needsCollection(long committed, long used, long margin) {
        return committed - used < margin;
    }

    /**
     * The usage at which to act next, after a full collection left {@code usedAfter} of {@code committed}: the margin
     * below the committed size, or, when less than twice the margin is free even so, the committed size itself, which
     * usage crosses only once the collector has grown the heap.
     */
    static long threshold(long committed, long usedAfter, long margin) {
        return committed - usedAfter < 2 * margin ? committed : committed - margin;
    }
}
