package dev.srooter.server.context;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Traces in the database: one per task and file (a task that writes a file again moves its time on). */
@ApplicationScoped
public class Traces {

    private static final String COLUMNS = "task, repo, file_path, symbols, username, team, intent, route, council,"
            + " changed_at";

    @Inject
    Sql sql;

    public void record(Trace t) {
        sql.transaction(c -> {
            int updated = Sql.update(c, "UPDATE context_traces SET symbols = ?, route = ?, changed_at = ? WHERE task = ?"
                    + " AND repo = ? AND file_path = ?", t.symbols(), t.route(), t.changedAt(), t.task(), t.repo(),
                    t.file());
            if (updated == 0) {
                Sql.update(c, "INSERT INTO context_traces (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        t.task(), t.repo(), t.file(), t.symbols(), t.username(), t.team(), t.intent(), t.route(),
                        t.council(), t.changedAt());
            }
            return null;
        });
    }

    /** The council concluded on a task: its traces say so. */
    public void council(String task, String verdict) {
        sql.update("UPDATE context_traces SET council = ? WHERE task = ?", verdict, task);
    }

    /** Other tasks' traces of these files since {@code since}, newest first; of {@code team} only when it is given. */
    public List<Trace> of(String repo, List<String> files, Instant since, String exceptTask, String team) {
        if (files.isEmpty()) {
            return List.of();
        }
        StringBuilder sqlText = new StringBuilder("SELECT " + COLUMNS + " FROM context_traces WHERE repo = ?"
                + " AND changed_at >= ? AND task <> ? AND file_path IN (");
        List<Object> args = new ArrayList<>(List.of(repo, since, exceptTask));
        for (int i = 0; i < files.size(); i++) {
            sqlText.append(i == 0 ? "?" : ", ?");
            args.add(files.get(i));
        }
        sqlText.append(')');
        if (team != null) {
            sqlText.append(" AND team = ?");
            args.add(team);
        }
        sqlText.append(" ORDER BY changed_at DESC, task");
        return sql.query(200, sqlText.toString(), Traces::trace, args.toArray());
    }

    /** Every trace since {@code since}, newest first, for the hot spots. */
    public List<Trace> since(Instant since) {
        return sql.query(5000, "SELECT " + COLUMNS + " FROM context_traces WHERE changed_at >= ?"
                + " ORDER BY changed_at DESC", Traces::trace, since);
    }

    private static Trace trace(ResultSet r) throws SQLException {
        return new Trace(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getTimestamp(10).toInstant());
    }
}
