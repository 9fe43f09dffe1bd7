package dev.srooter.server.providers;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Notices a provider's answer that has fallen silent. The HTTP client's timeout ends when the headers arrive; after
 * that a provider that stalls would hold a request thread and a connection for ever. One daemon thread checks every
 * watched answer a few times per timeout and gives up on those that have sent nothing for a whole timeout.
 */
final class IdleWatch {

    private static final ScheduledThreadPoolExecutor CHECKS = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "srooter-upstream-idle-watch");
        t.setDaemon(true);
        return t;
    });

    static {
        CHECKS.setRemoveOnCancelPolicy(true); // finished answers leave no task behind
    }

    private final long idleNanos;
    private final Runnable onIdle;
    private volatile long lastNanos = System.nanoTime();
    private volatile ScheduledFuture<?> check;

    /** Watches from now; {@code onIdle} runs once, on the watch's thread, after {@code idleMillis} of silence. */
    IdleWatch(long idleMillis, Runnable onIdle) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.onIdle = onIdle;
        long every = Math.max(50, Math.min(1000, idleMillis / 4));
        this.check = CHECKS.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Bytes arrived. */
    void active() {
        lastNanos = System.nanoTime();
    }

    /** The answer ended: nothing more to watch. */
    void stop() {
        ScheduledFuture<?> c = check;
        if (c != null) {
            c.cancel(false);
        }
    }

    private void check() {
        if (System.nanoTime() - lastNanos > idleNanos) {
            stop();
            onIdle.run();
        }
    }
}
