package dev.srooter.server.providers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices a provider's answer that has fallen silent. The HTTP client's timeout ends when the headers arrive; after
 * that a provider that stalls would hold a request thread and a connection for ever. Every answer being received is
 * in one set, and one daemon thread looks through it every {@link #SWEEP_MILLIS} and gives up on those that have
 * sent nothing for a whole timeout. (A scheduled task per answer cost every request a trip through the scheduler's
 * locked queue twice, and showed in the benchmark.)
 */
final class IdleWatch {

    static final long SWEEP_MILLIS = 100;

    private static final Set<IdleWatch> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "srooter-upstream-idle-watch");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(IdleWatch::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final long idleNanos;
    private final Runnable onIdle;
    private volatile long lastNanos = System.nanoTime();

    /** Watches from now; {@code onIdle} runs once, on the watch's thread, after {@code idleMillis} of silence. */
    IdleWatch(long idleMillis, Runnable onIdle) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.onIdle = onIdle;
        WATCHED.add(this);
    }

    /** Bytes arrived. */
    void active() {
        lastNanos = System.nanoTime();
    }

    /** The answer ended: nothing more to watch. */
    void stop() {
        WATCHED.remove(this);
    }

    private static void sweep() {
        long now = System.nanoTime();
        for (IdleWatch w : WATCHED) {
            if (now - w.lastNanos > w.idleNanos && WATCHED.remove(w)) {
                try {
                    w.onIdle.run();
                } catch (RuntimeException e) {
                    // the answer's own failure handling threw: nothing to add, and the sweep goes on
                }
            }
        }
    }
}
