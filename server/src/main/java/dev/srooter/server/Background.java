package dev.srooter.server;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work that follows an answer and must not hold it up (outcomes for learned routes, traces for cross-agent
 * context): run on the server's managed executor, a failure logged and never the client's.
 */
@ApplicationScoped
public class Background {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    @Resource
    ManagedExecutorService executor;

    /** Runs {@code work} soon, off the request's thread; {@code what} names it in the log if it fails. */
    public void run(String what, Runnable work) {
        Runnable guarded = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "srooter: " + what + " failed", e);
            }
        };
        if (executor == null) {
            guarded.run(); // outside the server (unit tests): now
        } else {
            executor.submit(guarded);
        }
    }
}
