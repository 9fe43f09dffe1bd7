package dev.srooter.server.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner's state on a real (embedded Derby) database, migrated as the server migrates it: what is learned,
 * decided and pinned is there again after the database is shut down and opened anew (a restart), outcomes from many
 * threads at once are all counted (one statement each, as several nodes would write), and a signal is credited to a
 * decision at most as often as it may be.
 */
class LearnedStoreTest {

    @TempDir
    Path folder;

    private DataSource open(String name) throws Exception {
        return EmbeddedDerby.open(folder.resolve(name));
    }

    private void shutDown(String name) {
        try {
            DriverManager.getConnection("jdbc:derby:" + folder.resolve(name) + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception (SQL state 08006)
        }
    }

    @Test
    void whatIsLearnedDecidedAndPinnedSurvivesARestart() throws Exception {
        LearnedStore store = new LearnedStore(new Sql(open("restart")));
        store.observe("trivial|low|-|-", "p/cheap", 1, 1);
        store.observe("trivial|low|-|-", "p/cheap", 0, 0.5);
        store.decided("trivial|low|-|-", "p/cheap");
        store.cost("trivial|low|-|-", "p/cheap", 0.25);
        store.pin("trivial|low|-|-", "p/best");
        store.record(new Decided("req1", "task1", "parent1", "trivial|low|-|-", "p/cheap", "best", "ann", true, 42L, "",
                Instant.now()));
        shutDown("restart");

        LearnedStore again = new LearnedStore(new Sql(open("restart")));
        Arm arm = again.arms("trivial|low|-|-").get("p/cheap");
        Arm expected = Arm.NONE.observe(1, 1).observe(0, 0.5);
        assertEquals(expected.reward(), arm.reward(), 1e-12, "the database fades as Arm.observe does");
        assertEquals(expected.weight(), arm.weight(), 1e-12);
        assertEquals(1, arm.decisions());
        assertEquals(0.25, arm.costUsd(), 1e-12);
        assertEquals("p/best", again.pin("trivial|low|-|-").orElseThrow());
        Decided d = again.byTask("task1").orElseThrow();
        assertEquals("p/cheap", d.model());
        assertTrue(d.explored());
        assertEquals(42L, d.askPrint());
        assertEquals(List.of(d), again.siblings("parent1", Instant.now().minusSeconds(60)));
        assertTrue(again.contexts().contains("trivial|low|-|-"));

        again.reset("trivial|low|-|-");
        assertTrue(again.arms("trivial|low|-|-").isEmpty());
        assertTrue(again.pin("trivial|low|-|-").isEmpty());
        shutDown("restart");
    }

    @Test
    void tasksHeardSignalBySignalAddUpInTheDatabaseAsInArm() throws Exception {
        LearnedStore store = new LearnedStore(new Sql(open("tasks")));
        String context = "substantive|low|-|-";
        // two tasks whose signals arrive interleaved: a good one built on, a bad one retried with a tool error
        store.heard(context, "p/mid", List.of(), Signal.CONTINUED);
        store.heard(context, "p/mid", List.of(), Signal.RETRIED);
        store.heard(context, "p/mid", List.of(Signal.RETRIED), Signal.TOOL_ERROR);
        store.heard(context, "p/mid", List.of(Signal.CONTINUED), Signal.SUCCESS);
        Arm expected = Arm.NONE.heard(List.of(), Signal.CONTINUED).heard(List.of(), Signal.RETRIED)
                .heard(List.of(Signal.RETRIED), Signal.TOOL_ERROR).heard(List.of(Signal.CONTINUED), Signal.SUCCESS);
        Arm arm = store.arms(context).get("p/mid");
        assertEquals(expected.reward(), arm.reward(), 1e-12, "the database does Arm.heard's arithmetic");
        assertEquals(expected.weight(), arm.weight(), 1e-12);
        assertEquals(1 * Arm.FADE + 1, arm.weight(), 1e-12, "two tasks, however many signals");
        shutDown("tasks");
    }

    @Test
    void outcomesFromManyWritersAtOnceAreAllCounted() throws Exception {
        LearnedStore store = new LearnedStore(new Sql(open("concurrent")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    store.decided("substantive|none|-|-", "p/mid");
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        assertEquals(400, store.arms("substantive|none|-|-").get("p/mid").decisions(),
                "no decision lost to a race between first inserts");
        shutDown("concurrent");
    }

    @Test
    void aSignalIsCreditedNoMoreOftenThanAllowed() throws Exception {
        LearnedStore store = new LearnedStore(new Sql(open("marks")));
        Decided d = new Decided("req2", "task2", null, "trivial|none|-|-", "p/cheap", null, null, false, 0L, "",
                Instant.now());
        store.record(d);
        assertEquals(List.of(), store.mark(d, Signal.TOOL_ERROR, 2).orElseThrow());
        assertEquals(List.of(Signal.TOOL_ERROR), store.mark(d, Signal.TOOL_ERROR, 2).orElseThrow());
        assertTrue(store.mark(d, Signal.TOOL_ERROR, 2).isEmpty());
        assertEquals(List.of(Signal.TOOL_ERROR, Signal.TOOL_ERROR), store.mark(d, Signal.SUCCESS, 1).orElseThrow());
        assertTrue(store.mark(d, Signal.SUCCESS, 1).isEmpty());
        assertEquals("tool-error,tool-error,success", store.byId("req2").orElseThrow().signals());
        shutDown("marks");
    }
}
