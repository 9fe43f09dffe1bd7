package dev.srooter.server.audit;

import dev.srooter.server.store.Sql;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every call's spend by UTC day (the budgets page's chart for the org cap) from the sums by hour ({@code
 * audit_hourly}), where it summed every record of the window: a month of a busy org's records on each visit, a month
 * of hours now. A stored hour is the JVM's wall-clock hour ({@link HourlyRollup}); it counts whole for the UTC day it
 * lies in. An hour that does not lie within one UTC day ({@link #dayOf}) is read from its records, as is the part of
 * an hour before the first whole one. Council conclusions, which the sums leave out, cost nothing.
 */
public final class SpendByUtcDay {

    private SpendByUtcDay() {
    }

    /** The UTC day of an instant, as the budgets page names it ({@code 2026-12-07}). */
    public static String utcDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** Adds the spend of every call from {@code since} on to its UTC day in {@code byDay}. */
    public static void add(Sql sql, Instant since, Map<String, BigDecimal> byDay) {
        LocalDateTime whole = HourlyRollup.firstWholeHour(since);
        addRecords(sql, Timestamp.from(since), Timestamp.valueOf(whole), byDay);
        List<LocalDateTime> cut = new ArrayList<>();
        sql.query("SELECT hour_start, SUM(cost_usd) FROM audit_hourly WHERE hour_start >= ? GROUP BY hour_start",
                row -> {
                    LocalDateTime hour = row.getTimestamp(1).toLocalDateTime();
                    String day = dayOf(hour);
                    if (day == null) {
                        cut.add(hour);
                    } else {
                        byDay.merge(day, BigDecimal.valueOf(row.getDouble(2)), BigDecimal::add);
                    }
                    return null;
                }, Timestamp.valueOf(whole));
        for (LocalDateTime hour : cut) {
            addRecords(sql, Timestamp.valueOf(hour), Timestamp.valueOf(hour.plusHours(1)), byDay);
        }
    }

    /**
     * The one UTC day of every instant stored in a wall-clock hour, or null when they lie in two: from the hour's
     * start at its earlier offset (where clocks went back it happened twice) to the next hour's start at its later
     * offset. In a zone off UTC by part of an hour, midnight UTC falls inside one hour a day; where clocks go back by
     * half an hour, one hour holds an hour and a half.
     */
    static String dayOf(LocalDateTime hour) {
        ZoneId zone = ZoneId.systemDefault();
        Instant first = ZonedDateTime.ofLocal(hour, zone, null).withEarlierOffsetAtOverlap().toInstant();
        Instant last = ZonedDateTime.ofLocal(hour.plusHours(1), zone, null).withLaterOffsetAtOverlap().toInstant()
                .minusNanos(1);
        String day = utcDay(first);
        return day.equals(utcDay(last)) ? day : null;
    }

    private static void addRecords(Sql sql, Timestamp from, Timestamp until, Map<String, BigDecimal> byDay) {
        addEach(sql, "SELECT created_at, cost_usd FROM audit_records WHERE created_at >= ? AND created_at < ?", byDay,
                from, until);
    }

    /** Adds each row of a query of records' {@code created_at, cost_usd} to its UTC day. */
    public static void addEach(Sql sql, String query, Map<String, BigDecimal> byDay, Object... args) {
        sql.query(query, row -> {
            byDay.merge(utcDay(row.getTimestamp(1).toInstant()), BigDecimal.valueOf(row.getDouble(2)),
                    BigDecimal::add);
            return null;
        }, args);
    }
}
