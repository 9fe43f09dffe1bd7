package dev.srooter.server.tasks;

import dev.srooter.server.store.FreshPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskTotalsScenario} on PostgreSQL, in a fresh database beside the test server's: the migration's sums and
 * the writer's upsert (LEAST and GREATEST). (PostgreSQL pass only; Derby: {@link TaskTotalsTest}.)
 */
class TaskTotalsOnPostgresIT {

    @Test
    void theListFromTheTasksTotalsSaysWhatEveryRecordSays() throws Exception {
        FreshPostgres.with("srooter_tasks_", url -> new TaskTotalsScenario(FreshPostgres.migrated(url)).run());
    }
}
