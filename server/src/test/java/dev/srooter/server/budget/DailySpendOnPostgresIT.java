package dev.srooter.server.budget;

import dev.srooter.server.store.FreshPostgres;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@link DailySpendTest}'s check on PostgreSQL, in a fresh database beside the test server's, in a zone half an hour
 * off UTC so that midnight UTC cuts a stored hour every day. (PostgreSQL pass only.)
 */
class DailySpendOnPostgresIT {

    @Test
    void theOrgsDaysFromTheSumsByHourEqualTheDaysOfEveryRecord() throws Exception {
        DailySpendTest.inZone("Asia/Kolkata", () -> FreshPostgres.with("srooter_daily_",
                url -> DailySpendTest.check(FreshPostgres.migrated(url), Instant.parse("2026-10-30T20:10:00Z"))));
    }
}
