package dev.srooter.server.tasks;

import dev.srooter.server.store.EmbeddedDerby;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task list from the tasks' totals says what grouping every record says ({@link TaskTotalsScenario}), on a real
 * embedded Derby migrated as the server migrates its own. (PostgreSQL: {@code TaskTotalsOnPostgresIT}.)
 */
class TaskTotalsTest {

    @TempDir
    Path folder;

    @Test
    void theListFromTheTasksTotalsSaysWhatEveryRecordSays() throws Exception {
        new TaskTotalsScenario(EmbeddedDerby.open(folder.resolve("db"))).run();
    }
}
