package dev.srooter.server.budget;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles finished requests against their caps off the request path: one writer thread takes what request
 * threads queue and applies it in batches, so a busy cap's row is written a few times a second instead of once
 * per request. Until a request is settled its hold stays in place, so settling late never lets spend pass a cap;
 * a clean stop settles everything queued. The same thread writes this node's {@link Leases} a few times a second.
 */
@ApplicationScoped
public class SpendLedger {

    private static final Logger LOG = Logger.getLogger(SpendLedger.class.getName());

    private record Entry(List<String> ids, Budgets.Hold hold, double costUsd) {
    }

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    Budgets budgets;

    @Inject
    Leases leases;

    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread writer;

    public void start() {
        running = true;
        writer = threads.newThread(this::settleUntilStopped);
        writer.setName("srooter-spend-ledger");
        writer.start();
    }

    public void stop() {
        running = false;
        if (writer != null) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        settle(rest);
        leases.returnAll();
    }

    /** Queues a finished request's settlement: its hold (may be null) and its actual cost under {@code ids}. */
    public void add(List<String> ids, Budgets.Hold hold, double costUsd) {
        if (writer == null) {
            budgets.settle(ids, hold, costUsd); // not started (tests): settle at once
            return;
        }
        // what was held from this node's leases is settled in memory now; only the rest waits for the database
        Budgets.Unsettled rest = budgets.settleLeased(ids, hold, Budgets.usd(costUsd));
        if (rest != null) {
            queue.add(new Entry(rest.ids(), rest.hold(), costUsd));
        }
    }

    private void settleUntilStopped() {
        List<Entry> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(Leases.FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                leases.flushIfDue();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                settle(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return; // stop() settles the rest
            }
        }
    }

    /** Entries with the same caps are summed: one statement per cap for the whole batch. */
    private void settle(List<Entry> batch) {
        Map<List<String>, java.math.BigDecimal[]> costs = new LinkedHashMap<>();
        Map<String, java.math.BigDecimal> held = new LinkedHashMap<>();
        java.util.Set<String> rest = new java.util.TreeSet<>();
        for (Entry e : batch) {
            java.math.BigDecimal[] sum = costs.computeIfAbsent(e.ids(), k -> new java.math.BigDecimal[] {
                java.math.BigDecimal.ZERO});
            sum[0] = sum[0].add(Budgets.usd(e.costUsd()));
            if (e.hold() != null) {
                e.hold().amounts().forEach((id, amount) -> held.merge(id, amount, java.math.BigDecimal::add));
                rest.addAll(e.hold().rest());
            }
        }
        boolean first = true;
        for (Map.Entry<List<String>, java.math.BigDecimal[]> group : costs.entrySet()) {
            // the holds are released once, with the first group
            Budgets.Hold release = first ? new Budgets.Hold(held, rest) : null;
            first = false;
            for (int attempt = 1; ; attempt++) {
                try {
                    budgets.settle(group.getKey(), release, group.getValue()[0]);
                    break;
                } catch (RuntimeException e) {
                    if (attempt == 5) {
                        LOG.log(Level.SEVERE, "srooter: could not settle spend under " + group.getKey(), e);
                        break;
                    }
                    try {
                        Thread.sleep(100L * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
    }
}
