package dev.srooter.server.audit;

import dev.srooter.server.store.FreshPostgres;
import org.junit.jupiter.api.Test;

/** {@link AuditRetentionTest}'s removals on PostgreSQL, in a fresh database beside the test server's. */
class AuditRetentionOnPostgresIT {

    @Test
    void removesWhatIsOlderThanTheDaysKeptAndKeepsTheRest() throws Exception {
        FreshPostgres.with("srooter_retention_", url -> new AuditRetentionTest().on(FreshPostgres.migrated(url))
                .removesWhatIsOlderThanTheDaysKeptAndKeepsTheRest());
    }

    @Test
    void aBacklogOfManyChunksGoesWhole() throws Exception {
        FreshPostgres.with("srooter_retention_", url -> new AuditRetentionTest().on(FreshPostgres.migrated(url))
                .aBacklogOfManyChunksGoesWhole());
    }
}
