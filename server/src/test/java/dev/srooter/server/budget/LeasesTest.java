package dev.srooter.server.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budget leases on a real (embedded Derby) database migrated as the server migrates it, with several {@link Budgets}
 * each with its own {@link Leases} playing gateway nodes: requests hold in memory once a node leased a slice, spend is
 * exact once written, caps hold within one request together, a lowered cap takes leases back, a dead node's lease is
 * given back by another, a new period voids old leases.
 */
class LeasesTest {

    private static final String CAP = "org";

    @TempDir
    Path folder;

    private Sql sql;

    @BeforeEach
    void open() throws Exception {
        DataSource ds = EmbeddedDerby.open(folder.resolve("db"));
        sql = new Sql(ds);
    }

    private Budgets node() {
        Budgets node = new Budgets();
        node.sql = sql;
        node.leases = new Leases(sql);
        return node;
    }

    private Budgets.Budget row(Budgets node) {
        return node.find(CAP).orElseThrow();
    }

    @Test
    void aNodeHoldsInMemoryFromASliceAndWritesExactSpendWhenItFlushes() {
        Budgets node = node();
        node.put(CAP, new BigDecimal("100"), Period.MONTHLY, false);
        BigDecimal estimate = new BigDecimal("0.01");
        Budgets.Hold first = node.hold(List.of(CAP), estimate, true).hold();
        assertEquals(java.util.Set.of(CAP), first.leased(), "held from a lease");
        BigDecimal slice = row(node).reservedUsd();
        assertTrue(slice.compareTo(estimate.multiply(BigDecimal.valueOf(Leases.SLICE_REQUESTS))) >= 0,
                "a slice of at least twenty requests was reserved at once: " + slice);
        node.settle(List.of(CAP), first, 0.004);
        for (int i = 0; i < 15; i++) { // within the slice: the row does not change
            Budgets.Hold hold = node.hold(List.of(CAP), estimate, true).hold();
            assertEquals(java.util.Set.of(CAP), hold.leased());
            node.settle(List.of(CAP), hold, 0.004);
        }
        assertEquals(0, row(node).spentUsd().signum(), "spend waits for the flush");
        assertEquals(0, slice.compareTo(row(node).reservedUsd()), "no request touched the row");

        node.leases.flush(false);
        assertEquals(0, new BigDecimal("0.064").compareTo(row(node).spentUsd()), "16 x 0.004: " + row(node).spentUsd());
        node.leases.returnAll();
        assertEquals(0, row(node).reservedUsd().signum(), "a clean stop gives the lease back");
        assertEquals(0, new BigDecimal("0.064").compareTo(row(node).spentUsd()));
    }

    @Test
    void nearTheEndOfACapRequestsHoldInTheDatabaseOneByOne() {
        Budgets node = node();
        node.put(CAP, new BigDecimal("0.5"), Period.MONTHLY, false);
        Budgets.Hold hold = node.hold(List.of(CAP), new BigDecimal("0.01"), true).hold();
        assertNotNull(hold);
        assertTrue(hold.leased().isEmpty(), "0.5 cannot spare five slices of 0.2: no lease");
        assertEquals(0, new BigDecimal("0.01").compareTo(row(node).reservedUsd()));
        node.settle(List.of(CAP), hold, 0.01);
        assertEquals(0, new BigDecimal("0.01").compareTo(row(node).spentUsd()), "written at once");
    }

    @Test
    void nodesTogetherNeverPassTheCapByMoreThanOneRequestAndSpendIsExact() throws Exception {
        List<Budgets> nodes = List.of(node(), node(), node());
        BigDecimal limit = new BigDecimal("3.00");
        nodes.get(0).put(CAP, limit, Period.MONTHLY, false);
        BigDecimal estimate = new BigDecimal("0.012");
        List<BigDecimal> costs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger leased = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> work = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            Budgets node = nodes.get(n);
            for (int t = 0; t < 4; t++) {
                Random random = new Random(n * 100L + t);
                work.add(pool.submit(() -> {
                    for (int r = 0; r < 150; r++) {
                        Budgets.Result result = node.hold(List.of(CAP), estimate, true);
                        if (result.hold() == null) {
                            result = node.hold(List.of(CAP), estimate, false);
                        }
                        if (result.hold() == null) {
                            refused.incrementAndGet();
                            continue;
                        }
                        if (!result.hold().leased().isEmpty()) {
                            leased.incrementAndGet();
                        }
                        double cost = 0.002 + random.nextInt(10_001) / 1_000_000.0;
                        costs.add(BigDecimal.valueOf(cost));
                        node.settle(List.of(CAP), result.hold(), cost);
                        if (r % 10 == 0) {
                            node.leases.flushIfDue();
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
        nodes.forEach(n -> n.leases.returnAll());
        Budgets.Budget cap = row(nodes.get(1));
        BigDecimal total = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(10, RoundingMode.HALF_UP);
        System.out.printf("leases: 3 nodes x 4 threads, %d served (%d from leases), %d refused; spent %s of %s%n",
                costs.size(), leased.get(), refused.get(), cap.spentUsd(), limit);
        assertTrue(leased.get() > costs.size() / 2, "most requests held from leases");
        assertTrue(refused.get() > 0, "the cap was reached");
        assertEquals(0, total.compareTo(cap.spentUsd()), "spend counted exactly: " + total + " vs " + cap.spentUsd());
        assertEquals(0, cap.reservedUsd().signum(), "every hold and lease given back");
        BigDecimal largest = Collections.max(costs);
        assertTrue(cap.spentUsd().compareTo(limit.add(largest)) <= 0, "within the cap plus one request");
    }

    @Test
    void aLoweredCapTakesTheLeasesBackWithinAFlush() {
        Budgets a = node();
        Budgets b = node();
        a.put(CAP, new BigDecimal("100"), Period.MONTHLY, false);
        BigDecimal estimate = new BigDecimal("0.5");
        Budgets.Hold onA = a.hold(List.of(CAP), estimate, true).hold();
        Budgets.Hold onB = b.hold(List.of(CAP), estimate, true).hold();
        assertTrue(!onA.leased().isEmpty() && !onB.leased().isEmpty(), "both nodes lease");
        a.put(CAP, new BigDecimal("5"), Period.MONTHLY, false); // under the two slices of 10 each
        a.leases.flush(false);
        b.leases.flush(false);
        Budgets.Budget cap = row(a);
        assertEquals(0, new BigDecimal("1.0").compareTo(cap.reservedUsd()), "only the running requests' holds stay: "
                + cap.reservedUsd());
        b.reload();
        Budgets.Hold next = b.hold(List.of(CAP), estimate, true).hold();
        assertTrue(next != null && next.leased().isEmpty(), "the next request holds in the database");
        a.settle(List.of(CAP), onA, 0.1);
        b.settle(List.of(CAP), onB, 0.1);
        b.settle(List.of(CAP), next, 0.1);
        a.leases.returnAll();
        b.leases.returnAll();
        assertEquals(0, new BigDecimal("0.3").compareTo(row(a).spentUsd()));
        assertEquals(0, row(a).reservedUsd().signum());
    }

    @Test
    void aDeadNodesLeaseIsGivenBackByAnotherAfterItStopsRenewing() {
        Budgets dead = node();
        Budgets alive = node();
        dead.put(CAP, new BigDecimal("100"), Period.MONTHLY, false);
        assertNotNull(dead.hold(List.of(CAP), new BigDecimal("0.5"), true).hold());
        BigDecimal leased = dead.leases.leased(CAP);
        assertTrue(leased.signum() > 0);
        assertEquals(0, leased.compareTo(row(alive).reservedUsd()));
        // the dead node never flushes again; its lease row was last renewed longer ago than the expiry
        sql.update("UPDATE budget_leases SET renewed_at = ? WHERE node = ?",
                Timestamp.from(Instant.now().minusMillis(Leases.EXPIRY_MILLIS + 1_000)), dead.leases.node);
        alive.leases.flush(true);
        assertEquals(0, row(alive).reservedUsd().signum(), "given back: " + row(alive).reservedUsd());
        alive.leases.flush(true);
        assertEquals(0, row(alive).reservedUsd().signum(), "once only");
    }

    @Test
    void aNewPeriodVoidsTheOldLease() {
        Budgets node = node();
        node.put(CAP, new BigDecimal("100"), Period.MONTHLY, false);
        Budgets.Hold hold = node.hold(List.of(CAP), new BigDecimal("0.5"), true).hold();
        // as if the lease and the cap's period were last month's, and the month has ended since
        Instant lastMonth = Period.MONTHLY.start(Period.MONTHLY.start(Instant.now()).minusSeconds(86_400L));
        sql.update("UPDATE budgets SET period_start = ? WHERE id = ?", Timestamp.from(lastMonth), CAP);
        node.leases.lease(CAP).periodStart = lastMonth;
        node.settle(List.of(CAP), hold, 0.25);
        node.leases.flush(false); // rolls the period: spend and reservations start again
        assertEquals(0, row(node).spentUsd().signum(), "last month's spend is not this month's");
        assertEquals(0, row(node).reservedUsd().signum());
        assertEquals(0, node.leases.leased(CAP).signum(), "the old lease is void");
        Budgets.Hold again = node.hold(List.of(CAP), new BigDecimal("0.5"), true).hold();
        assertEquals(java.util.Set.of(CAP), again.leased(), "a fresh lease in the new period");
        node.settle(List.of(CAP), again, 0.5);
        node.leases.returnAll();
        assertEquals(0, new BigDecimal("0.5").compareTo(row(node).spentUsd()));
        assertEquals(0, row(node).reservedUsd().signum());
        assertEquals(List.of(), sql.query("SELECT amount FROM budget_leases WHERE amount > 0", r -> r.getBigDecimal(1)),
                "no lease row left with an amount");
    }
}
