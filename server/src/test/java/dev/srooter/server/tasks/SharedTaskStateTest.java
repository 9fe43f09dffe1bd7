package dev.srooter.server.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.srooter.api.Classification;
import dev.srooter.api.Intent;
import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task state on a real (embedded Derby) database shared by two {@link TaskBook}s playing nodes: a turn that ends on
 * one node is found by the next turn on the other (classification, model, turns, spend); alone, a node writes once a
 * second and a node that joins finds what it wrote.
 */
class SharedTaskStateTest {

    @TempDir
    Path folder;

    private Sql sql;

    @BeforeEach
    void open() throws Exception {
        DataSource ds = EmbeddedDerby.open(folder.resolve("db"));
        sql = new Sql(ds);
    }

    @Test
    void aFollowUpOnAnotherNodeFindsTheTasksModelTurnsAndSpend() {
        TaskBook a = new TaskBook(sql, () -> true);
        TaskBook b = new TaskBook(sql, () -> true);
        Task onA = a.open("t1");
        onA.classified(new Classification(Intent.SECURITY, 0.9, "auth"), "local");
        onA.ended(0, 0.10, "anthropic/claude-opus");
        a.turnEnded(onA);

        Task onB = b.open("t1");
        assertEquals(Intent.SECURITY, onB.classification().intent(), "not classified again");
        assertEquals("anthropic/claude-opus", onB.model(), "stays on the task's model");
        assertEquals(1, onB.turns());
        assertEquals(0.10, onB.costUsd(), 1e-9);
        onB.ended(1, 0.20, "anthropic/claude-sonnet"); // a fallback moved it
        b.turnEnded(onB);

        Task again = a.open("t1");
        assertEquals("anthropic/claude-sonnet", again.model(), "the later turn's model wins");
        assertEquals(2, again.turns());
        assertEquals(0.30, again.costUsd(), 1e-9, "the loop guard sees the spend of both nodes");
    }

    @Test
    void aloneANodeWritesOnceASecondAndANodeThatJoinsFindsIt() {
        TaskBook alone = new TaskBook(sql, () -> false);
        Task task = alone.open("t2");
        task.classified(new Classification(Intent.TRIVIAL, 0.8, "typo"), "local");
        task.ended(0, 0.01, "openai/gpt-4o-mini");
        alone.turnEnded(task);
        TaskBook other = new TaskBook(sql, () -> true);
        assertNull(other.open("t2").model(), "not written at the turn's end while alone");

        alone.writeChanged();
        TaskBook joined = new TaskBook(sql, () -> true); // a node that starts beside it reads what it wrote
        Task found = joined.open("t2");
        assertEquals("openai/gpt-4o-mini", found.model());
        assertEquals(Intent.TRIVIAL, found.classification().intent());
        assertEquals(0.01, found.costUsd(), 1e-9);
        alone.writeChanged(); // nothing changed: nothing written twice
        assertEquals(0.01, new TaskBook(sql, () -> true).open("t2").costUsd(), 1e-9);
    }
}
