package dev.srooter.server.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which audit records to read: a time range ({@code from} inclusive, {@code to} exclusive), a user, a model (the
 * one asked for or the one that served), a route (records whose route starts with it: {@code budget},
 * {@code trivial}, {@code fallback}), a status ({@code 429}, or a class: {@code 4xx}, {@code 5xx}), a team, a task.
 * Null parts do not filter.
 */
public record AuditQuery(Instant from, Instant to, String user, String model, String route, String status,
                         String team, String task) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null, null);

    /** Checks {@code status}: a number or a class such as {@code 4xx}. */
    public AuditQuery {
        if (status != null && !status.matches("\\d{3}|[1-5]xx")) {
            throw new IllegalArgumentException("status must be a status code such as 429 or a class such as 5xx");
        }
    }

    <T> TypedQuery<T> select(EntityManager em, String order, Class<T> type) {
        return select(em, order, type, null, null);
    }

    /**
     * The same, only records after ({@code createdAt}, {@code id}) {@code afterAt}, {@code afterId} when given: an
     * export reads page after page from where the last ended, not past an offset that grows with every page.
     */
    <T> TypedQuery<T> select(EntityManager em, String order, Class<T> type, Instant afterAt, String afterId) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        if (afterAt != null) {
            // the range first, so that the index on created_at finds where to begin
            conditions.add("a.createdAt >= :afterAt AND (a.createdAt > :afterAt OR a.id > :afterId)");
            parameters.put("afterAt", afterAt);
            parameters.put("afterId", afterId);
        }
        if (from != null) {
            conditions.add("a.createdAt >= :from");
            parameters.put("from", from);
        }
        if (to != null) {
            conditions.add("a.createdAt < :to");
            parameters.put("to", to);
        }
        if (user != null) {
            conditions.add("a.username = :user");
            parameters.put("user", user);
        }
        if (team != null) {
            conditions.add("a.team = :team");
            parameters.put("team", team);
        }
        if (task != null) {
            conditions.add("a.task = :task");
            parameters.put("task", task);
        }
        if (model != null) {
            conditions.add("(a.requestedModel = :model OR a.servedModel = :model)");
            parameters.put("model", model);
        }
        if (route != null) {
            conditions.add("a.route LIKE :route");
            parameters.put("route", route.replace("%", "").replace("_", "") + "%");
        }
        if (status != null) {
            if (status.endsWith("xx")) {
                int low = (status.charAt(0) - '0') * 100;
                conditions.add("a.status >= :low AND a.status < :high");
                parameters.put("low", low);
                parameters.put("high", low + 100);
            } else {
                conditions.add("a.status = :status");
                parameters.put("status", Integer.parseInt(status));
            }
        }
        if (!conditions.isEmpty()) {
            where.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        TypedQuery<T> query = em.createQuery("SELECT a FROM AuditRecord a" + where + " ORDER BY " + order, type);
        parameters.forEach(query::setParameter);
        return query;
    }
}
