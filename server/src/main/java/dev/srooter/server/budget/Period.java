package dev.srooter.server.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** How often a budget starts again, always at midnight UTC: daily, weekly (Mondays) or monthly (the 1st). */
public enum Period {
    DAILY, WEEKLY, MONTHLY;

    public static Period parse(String name) {
        if (name == null || name.isBlank()) {
            return MONTHLY;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("period must be daily, weekly or monthly");
        }
    }

    /** When the period holding {@code now} began. */
    public Instant start(Instant now) {
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate first = switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
