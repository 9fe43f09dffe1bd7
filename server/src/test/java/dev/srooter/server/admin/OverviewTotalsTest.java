package dev.srooter.server.admin;

import dev.srooter.server.store.EmbeddedDerby;
import java.nio.file.Path;
import java.util.TimeZone;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The overview's totals from the sums by hour equal those summed from every record, on a real embedded Derby migrated
 * as the server migrates its own ({@link OverviewTotalsScenario}). In UTC, and in a zone half an hour off it, where a
 * period starting at midnight UTC starts inside a stored hour and its first half-hour is read from the records.
 * (PostgreSQL: {@code OverviewTotalsOnPostgresIT}.)
 */
class OverviewTotalsTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Kolkata"})
    void theTotalsFromTheSumsByHourEqualTheTotalsOfEveryRecord(String zone) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            new OverviewTotalsScenario(EmbeddedDerby.open(folder.resolve("db"))).run();
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
