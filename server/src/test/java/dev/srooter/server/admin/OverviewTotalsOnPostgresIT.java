package dev.srooter.server.admin;

import dev.srooter.server.store.FreshPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@link OverviewTotalsScenario} on PostgreSQL, in a fresh database beside the test server's: its own migration
 * (date_trunc) and the writer's upsert. (PostgreSQL pass only; Derby: {@link OverviewTotalsTest}.)
 */
class OverviewTotalsOnPostgresIT {

    @Test
    void theTotalsFromTheSumsByHourEqualTheTotalsOfEveryRecord() throws Exception {
        FreshPostgres.with("srooter_overview_", url -> new OverviewTotalsScenario(FreshPostgres.migrated(url)).run());
    }
}
