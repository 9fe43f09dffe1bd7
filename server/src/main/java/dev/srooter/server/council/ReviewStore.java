package dev.srooter.server.council;

import dev.srooter.server.store.Sql;
import dev.srooter.server.translate.Js;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The council's reviews in the database: a row when the council sits, its verdicts when it concludes. */
@ApplicationScoped
public class ReviewStore {

    private static final String COLUMNS = "id, task, request_id, username, team, trigger_kind, combine_rule, verdict,"
            + " members, created_at, concluded_at";

    @Inject
    Sql sql;

    /** Records that the council sits; false when this turn's council already sat (one per task turn). */
    public boolean open(Review review) {
        try {
            sql.update("INSERT INTO council_reviews (id, task, request_id, username, team, trigger_kind, combine_rule,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", review.id(), review.task(), review.requestId(),
                    review.username(), review.team(), review.trigger(), review.rule(), review.createdAt());
            return true;
        } catch (RuntimeException duplicate) {
            return find(review.id()).isEmpty() ? rethrow(duplicate) : false;
        }
    }

    private static boolean rethrow(RuntimeException e) {
        throw e;
    }

    public void conclude(String id, Verdict verdict, List<Review.Member> members, Instant at) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Review.Member m : members) {
            array.add(Json.createObjectBuilder().add("model", m.model())
                    .add("verdict", m.verdict() == null ? JsonValue.NULL : Json.createValue(m.verdict().wire()))
                    .add("reasons", m.reasons() == null ? JsonValue.NULL : Json.createValue(m.reasons()))
                    .add("error", m.error() == null ? JsonValue.NULL : Json.createValue(m.error()))
                    .add("latencyMs", m.latencyMs()).add("costUsd", m.costUsd()));
        }
        String json = array.build().toString();
        sql.update("UPDATE council_reviews SET verdict = ?, members = ?, concluded_at = ? WHERE id = ?", verdict.wire(),
                json.length() > 32000 ? json.substring(0, 32000) : json, at, id);
    }

    public Optional<Review> find(String id) {
        return sql.query("SELECT " + COLUMNS + " FROM council_reviews WHERE id = ?", ReviewStore::row, id).stream()
                .findFirst();
    }

    /** The newest reviews, filtered by task, verdict and time (each null for any). */
    public List<Review> list(String task, String verdict, Instant from, Instant to, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (task != null) {
            where.append(" AND task = ?");
            args.add(task);
        }
        if (verdict != null) {
            where.append(" AND verdict = ?");
            args.add(verdict);
        }
        if (from != null) {
            where.append(" AND created_at >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND created_at < ?");
            args.add(to);
        }
        return sql.query(Math.max(1, Math.min(limit, 1000)), "SELECT " + COLUMNS + " FROM council_reviews" + where
                + " ORDER BY created_at DESC, id DESC", ReviewStore::row, args.toArray());
    }

    private static Review row(ResultSet r) throws SQLException {
        List<Review.Member> members = new ArrayList<>();
        String json = r.getString(9);
        if (json != null) {
            for (JsonValue v : Js.parseValue(json).asJsonArray()) {
                JsonObject m = v.asJsonObject();
                members.add(new Review.Member(m.getString("model"), m.isNull("verdict") ? null
                        : Verdict.of(m.getString("verdict")), m.isNull("reasons") ? null : m.getString("reasons"),
                        m.isNull("error") ? null : m.getString("error"), m.getJsonNumber("latencyMs").doubleValue(),
                        m.getJsonNumber("costUsd").doubleValue()));
            }
        }
        String verdict = r.getString(8);
        Timestamp concluded = r.getTimestamp(11);
        return new Review(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), verdict == null ? null : Verdict.of(verdict), List.copyOf(members),
                r.getTimestamp(10).toInstant(), concluded == null ? null : concluded.toInstant());
    }
}
