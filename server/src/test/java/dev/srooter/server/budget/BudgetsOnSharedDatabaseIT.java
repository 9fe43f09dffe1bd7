package dev.srooter.server.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Three gateway nodes sharing the PostgreSQL database the test server uses, each with its own connections and
 * its own {@link Budgets}, spend against one cap from many threads at once, each request holding its estimate first and settling its
 * actual cost after. Holds never let the nodes together pass the cap by more than one request, and spend
 * counts every request's cost exactly. (Derby is embedded in
 * one server and cannot be shared, so this runs in the PostgreSQL pass only.)
 */
class BudgetsOnSharedDatabaseIT {

    private static final int NODES = 3;
    private static final int THREADS_PER_NODE = 6;

    @Test
    void nodesSharingOneDatabaseNeverOverspendTogether() throws Exception {
        spendTogether(false, new BigDecimal("0.50"), 25);
    }

    /** The same with each node leasing slices of the cap and holding in memory, as the server does. */
    @Test
    void nodesLeasingSlicesNeverOverspendTogether() throws Exception {
        spendTogether(true, new BigDecimal("3.00"), 80);
    }

    private void spendTogether(boolean leasing, BigDecimal limit, int requestsPerThread) throws Exception {
        String url = System.getProperty("srooter.jdbc.url");
        Assumptions.assumeTrue(url != null, "PostgreSQL pass only");
        List<Budgets> nodes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            // by name: the driver is on the test classpath only when the integration tests run
            javax.sql.DataSource dataSource = (javax.sql.DataSource) Class.forName("org.postgresql.ds.PGSimpleDataSource")
                    .getConstructor().newInstance();
            dataSource.getClass().getMethod("setURL", String.class).invoke(dataSource, url);
            Budgets node = new Budgets();
            node.sql = new Sql(dataSource);
            if (leasing) {
                node.leases = new Leases(node.sql);
            }
            nodes.add(node);
        }
        String id = "key:shared-db-" + System.nanoTime();
        nodes.get(0).put(id, limit, Period.MONTHLY, false);

        BigDecimal estimate = new BigDecimal("0.012");
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<BigDecimal> costs = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(NODES * THREADS_PER_NODE);
        List<Future<?>> work = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            Budgets node = nodes.get(n);
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                Random random = new Random(n * 100 + t);
                work.add(pool.submit(() -> {
                    for (int r = 0; r < requestsPerThread; r++) {
                        Budgets.Result result = node.hold(List.of(id), estimate, true);
                        if (result.hold() == null) {
                            result = node.hold(List.of(id), estimate, false); // the rest, as the last step takes it
                        }
                        if (result.hold() == null) {
                            refused.incrementAndGet();
                            continue;
                        }
                        served.incrementAndGet();
                        // actual costs up to the estimate (the gateway's estimate is an upper bound: the whole output
                        // limit at the output price); only a request holding the rest of the cap can pass it
                        double cost = 0.002 + random.nextInt(10_001) / 1_000_000.0;
                        costs.add(BigDecimal.valueOf(cost));
                        node.settle(List.of(id), result.hold(), cost);
                        if (leasing) {
                            node.leases.flushIfDue(); // the ledger's thread does this in the server
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        if (leasing) {
            nodes.forEach(n -> n.leases.returnAll());
        }

        Budgets.Budget budget = nodes.get(1).find(id).orElseThrow();
        BigDecimal total = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(10, RoundingMode.HALF_UP);
        System.out.printf("shared database" + (leasing ? ", leasing" : "") + ": %d nodes x %d threads, %d requests served, %d over the cap; spent %s of %s%n",
                NODES, THREADS_PER_NODE, served.get(), refused.get(), budget.spentUsd(), limit);
        assertEquals(0, total.compareTo(budget.spentUsd()), "spend counted exactly: " + total + " vs "
                + budget.spentUsd());
        assertEquals(0, budget.reservedUsd().signum(), "every hold released");
        assertTrue(refused.get() > 0, "the cap was reached");
        BigDecimal largest = costs.stream().max(BigDecimal::compareTo).orElseThrow();
        assertTrue(budget.spentUsd().compareTo(limit.add(largest)) <= 0, "spent " + budget.spentUsd()
                + " is within the cap plus one request");
        nodes.get(0).remove(id);
    }
}
