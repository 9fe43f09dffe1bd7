package dev.srooter.server.admin;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    /** The spend line of council members' calls. */
    static final String COUNCIL = "council reviews";
    /** Calls only: a review's conclusion is an audit line too (for sinks), but no call and no cost. */
    private static final String CALLS = " AND (endpoint IS NULL OR endpoint <> 'council-review')";

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
        // council members' calls are one line of their own, whatever they reviewed (their routes name each review)
        List<Group> byRoute = groups("CASE WHEN endpoint = 'council' THEN '" + COUNCIL + "' ELSE COALESCE(route,"
                + " '(refused)') END", periodStart);
        List<Group> byModel = groups("COALESCE(served_model, '(none)')", periodStart);
        long requests = byRoute.stream().mapToLong(Group::requests).sum();
        double spent = byRoute.stream().mapToDouble(Group::costUsd).sum();
        long errors = sql.query("SELECT COUNT(*) FROM audit_records WHERE created_at >= ? AND status >= 400" + CALLS,
                row -> row.getLong(1), periodStart).get(0);
        List<Double> latencies = new ArrayList<>(sql.query("SELECT latency_ms FROM audit_records WHERE created_at >= ?"
                + CALLS + " ORDER BY created_at DESC FETCH FIRST " + LATENCY_SAMPLE + " ROWS ONLY", row -> row.getDouble(1),
                periodStart));
        Collections.sort(latencies);
        Latency latency = new Latency(latencies.size(), percentile(latencies, 50), percentile(latencies, 90),
                percentile(latencies, 99));
        Instant since = Period.DAILY.start(Instant.now()).minusSeconds(86_400L * (days - 1));
        List<Day> daily = sql.query("SELECT CAST(created_at AS DATE), COUNT(*), SUM(cost_usd) FROM audit_records"
                + " WHERE created_at >= ?" + CALLS + " GROUP BY CAST(created_at AS DATE) ORDER BY 1", row -> new Day(
                row.getDate(1).toString(), row.getLong(2), row.getDouble(3)), since);
        return new Summary(periodStart, spent, cap, requests, errors, latency, byRoute, byModel, daily);
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

    private List<Group> groups(String key, Instant since) {
        return sql.query("SELECT " + key + ", COUNT(*), SUM(cost_usd) FROM audit_records WHERE created_at >= ?" + CALLS
                + " GROUP BY " + key + " ORDER BY 3 DESC, 2 DESC", row -> new Group(row.getString(1), row.getLong(2),
                row.getDouble(3)), since);
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) * 1000) / 1000.0;
    }
}
