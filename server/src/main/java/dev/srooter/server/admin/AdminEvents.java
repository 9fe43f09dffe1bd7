package dev.srooter.server.admin;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every change made through the admin API: who, what, when, and how it ended. Written as it happens. */
@ApplicationScoped
public class AdminEvents {

    /** One change; {@code detail} is the request body with secrets masked, or its size when it is not JSON. */
    public record Event(String id, Instant at, String username, String role, String method, String path, int status,
                        String detail) {
    }

    @Inject
    Sql sql;

    public void record(String username, String role, String method, String path, int status, String detail) {
        sql.update("INSERT INTO admin_events (id, occurred_at, username, role, method, path, status, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), Instant.now(), username, role,
                method, cut(path, 1000), status, detail == null ? null : cut(detail, 4000));
    }

    /** The most a page of the change log holds. */
    static final int MAX_LIMIT = 1000;

    public List<Event> newest(int limit, String username) {
        String where = username == null ? "" : " WHERE username = ?";
        Object[] args = username == null ? new Object[0] : new Object[] {username};
        // the database stops at the limit: the change log grows for ever and was once read whole for every page
        return sql.query(Math.max(1, Math.min(limit, MAX_LIMIT)), "SELECT id, occurred_at, username, role, method, path, status, detail FROM admin_events"
                + where + " ORDER BY occurred_at DESC, id DESC", row -> new Event(row.getString(1),
                row.getTimestamp(2).toInstant(), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getInt(7), row.getString(8)), args);
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
