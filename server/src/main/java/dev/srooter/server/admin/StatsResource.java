package dev.srooter.server.admin;

import dev.srooter.server.audit.HourlyRollup;
import dev.srooter.server.budget.Budgets;
import dev.srooter.server.budget.Period;
import dev.srooter.server.store.Sql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows: this month's spend against the org cap, requests and cost by route and by served
 * model, latency percentiles, spend per day, and the newest requests as they finish.
 */
@Path("/stats")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.LEAD, Roles.AUDITOR})
public class StatsResource {

    /** How many of the period's newest requests the latency percentiles are taken over. */
    private static final int LATENCY_SAMPLE = 5000;

    public record Group(String key, long requests, double costUsd) {
    }

    public record Latency(long sample, double p50, double p90, double p99) {
    }

    public record Day(String day, long requests, double costUsd) {
    }

    public record Summary(Instant periodStart, double spentUsd, BigDecimal capUsd, long requests, long errors,
                          Latency latencyMs, List<Group> byRoute, List<Group> byModel, List<Day> daily) {
    }

    /** One finished request, as the live table shows it. */
    public record Recent(String id, Instant at, String requestedModel, String servedModel, String route,
                         double costUsd, double latencyMs, int status) {
    }

    /** Calls only: a review's conclusion is an audit line too (for sinks), but no call and no cost. */
    private static final String CALLS = " AND (endpoint IS NULL OR endpoint <> '" + HourlyRollup.COUNCIL_REVIEW + "')";
    /** A record's line by route, as {@link HourlyRollup#routeLine} counts it. */
    private static final String ROUTE_OF_RECORD = "CASE WHEN endpoint = 'council' THEN '" + HourlyRollup.COUNCIL
            + "' ELSE COALESCE(route, '" + HourlyRollup.REFUSED + "') END";
    /** A record's line by served model, as {@link HourlyRollup#modelLine} counts it. */
    private static final String MODEL_OF_RECORD = "COALESCE(served_model, '" + HourlyRollup.NONE + "')";

    @Inject
    Sql sql;

    @Inject
    Budgets budgets;

    @GET
    public Summary summary(@QueryParam("days") @DefaultValue("30") int days) {
        if (days < 1 || days > 366) {
            throw ApiError.of(400, "days must be between 1 and 366");
        }
        java.util.Optional<Budgets.Budget> org = budgets.find(Budgets.ORG);
        BigDecimal cap = org.map(Budgets.Budget::limitUsd).map(BigDecimal::stripTrailingZeros).orElse(null);
        Instant periodStart = org.map(Budgets.Budget::periodStart).orElse(Period.MONTHLY.start(Instant.now()));
        // the period's calls from the sums by hour (HourlyRollup), so the overview reads a month in a few hundred rows
        List<Group> byRoute = byRoute(periodStart);
        List<Group> byModel = byModel(periodStart);
        long requests = byRoute.stream().mapToLong(Group::requests).sum();
        double spent = byRoute.stream().mapToDouble(Group::costUsd).sum();
        long errors = errors(periodStart);
        List<Double> latencies = new ArrayList<>(sql.query("SELECT latency_ms FROM audit_records WHERE created_at >= ?"
                + CALLS + " ORDER BY created_at DESC FETCH FIRST " + LATENCY_SAMPLE + " ROWS ONLY", row -> row.getDouble(1),
                periodStart));
        Collections.sort(latencies);
        Latency latency = new Latency(latencies.size(), percentile(latencies, 50), percentile(latencies, 90),
                percentile(latencies, 99));
        Instant since = Period.DAILY.start(Instant.now()).minusSeconds(86_400L * (days - 1));
        return new Summary(periodStart, spent, cap, requests, errors, latency, byRoute, byModel, daily(since));
    }

    /*
     * Each total below reads the hours wholly after its instant from the sums by hour, and the part of an hour before
     * the first of them (a period that starts at half past, in a zone half an hour off UTC) from the records.
     */

    List<Group> byRoute(Instant since) {
        return groups("route_key", ROUTE_OF_RECORD, since);
    }

    List<Group> byModel(Instant since) {
        return groups("model_key", MODEL_OF_RECORD, since);
    }

    /** Calls answered with an error since an instant. */
    long errors(Instant since) {
        Timestamp whole = Timestamp.valueOf(HourlyRollup.firstWholeHour(since));
        return sql.query("SELECT SUM(errors) FROM audit_hourly WHERE hour_start >= ?", row -> row.getLong(1),
                whole).get(0) + sql.query("SELECT COUNT(*) FROM audit_records WHERE created_at >= ? AND created_at < ?"
                + " AND status >= 400" + CALLS, row -> row.getLong(1), since, whole).get(0);
    }

    /** Requests and spend a day since an instant, in the days' order. */
    List<Day> daily(Instant since) {
        Timestamp whole = Timestamp.valueOf(HourlyRollup.firstWholeHour(since));
        Map<String, Day> days = new TreeMap<>();
        for (Day d : sql.query("SELECT CAST(hour_start AS DATE), SUM(requests), SUM(cost_usd) FROM audit_hourly"
                + " WHERE hour_start >= ? GROUP BY CAST(hour_start AS DATE)", StatsResource::day, whole)) {
            days.merge(d.day(), d, StatsResource::plus);
        }
        for (Day d : sql.query("SELECT CAST(created_at AS DATE), COUNT(*), SUM(cost_usd) FROM audit_records"
                + " WHERE created_at >= ? AND created_at < ?" + CALLS + " GROUP BY CAST(created_at AS DATE)",
                StatsResource::day, since, whole)) {
            days.merge(d.day(), d, StatsResource::plus);
        }
        return List.copyOf(days.values());
    }

    private static Day day(ResultSet row) throws SQLException {
        return new Day(row.getDate(1).toString(), row.getLong(2), row.getDouble(3));
    }

    private static Day plus(Day a, Day b) {
        return new Day(a.day(), a.requests() + b.requests(), a.costUsd() + b.costUsd());
    }

    /** The newest finished requests, newest first. */
    @GET
    @Path("recent")
    public List<Recent> recent(@QueryParam("limit") @DefaultValue("25") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiError.of(400, "limit must be between 1 and 500");
        }
        return sql.query(recentSql(limit),
                row -> new Recent(row.getString(1), row.getTimestamp(2).toInstant(), row.getString(3),
                        row.getString(4), row.getString(5), row.getDouble(6), row.getDouble(7), row.getInt(8)));
    }

    /** The newest {@code limit} records, in the order of the index that answers it (V20__audit_newest_first.sql). */
    static String recentSql(int limit) {
        return "SELECT id, created_at, requested_model, served_model, route, cost_usd, latency_ms, status"
                + " FROM audit_records ORDER BY created_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY";
    }

    /** Requests and spend by line since an instant, costliest first ({@code hourKey}, {@code recordKey}: one line). */
    private List<Group> groups(String hourKey, String recordKey, Instant since) {
        Timestamp whole = Timestamp.valueOf(HourlyRollup.firstWholeHour(since));
        Map<String, Group> lines = new HashMap<>();
        for (Group g : sql.query("SELECT " + hourKey + ", SUM(requests), SUM(cost_usd) FROM audit_hourly"
                + " WHERE hour_start >= ? GROUP BY " + hourKey, StatsResource::group, whole)) {
            lines.merge(g.key(), g, StatsResource::plus);
        }
        for (Group g : sql.query("SELECT " + recordKey + ", COUNT(*), SUM(cost_usd) FROM audit_records"
                + " WHERE created_at >= ? AND created_at < ?" + CALLS + " GROUP BY " + recordKey, StatsResource::group,
                since, whole)) {
            lines.merge(g.key(), g, StatsResource::plus);
        }
        List<Group> sorted = new ArrayList<>(lines.values());
        sorted.sort(Comparator.comparingDouble(Group::costUsd).reversed().thenComparing(Comparator.comparingLong(
                Group::requests).reversed()).thenComparing(Group::key));
        return sorted;
    }

    private static Group group(ResultSet row) throws SQLException {
        return new Group(row.getString(1), row.getLong(2), row.getDouble(3));
    }

    private static Group plus(Group a, Group b) {
        return new Group(a.key(), a.requests() + b.requests(), a.costUsd() + b.costUsd());
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) * 1000) / 1000.0;
    }
}
