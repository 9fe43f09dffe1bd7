package dev.srooter.server.cortex;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Cortex in the database: the repositories, and each file's symbols and edges, replaced file by file. */
@ApplicationScoped
public class CortexStore {

    /** A registered repository. */
    public record Repo(String name, String path, Instant createdAt, Instant indexedAt) {
    }

    @Inject
    Sql sql;

    public List<Repo> repos() {
        return sql.query("SELECT name, path, created_at, indexed_at FROM cortex_repos ORDER BY name", row -> new Repo(
                row.getString(1), row.getString(2), row.getTimestamp(3).toInstant(),
                row.getTimestamp(4) == null ? null : row.getTimestamp(4).toInstant()));
    }

    public void addRepo(String name, String path) {
        sql.update("INSERT INTO cortex_repos (name, path, created_at) VALUES (?, ?, ?)", name, path, Instant.now());
    }

    public void removeRepo(String name) {
        sql.transaction(c -> {
            for (String table : new String[] {"cortex_edges", "cortex_symbols", "cortex_files"}) {
                Sql.update(c, "DELETE FROM " + table + " WHERE repo = ?", name);
            }
            return Sql.update(c, "DELETE FROM cortex_repos WHERE name = ?", name);
        });
    }

    /** Replaces everything stored of a repository with a full index's facts. */
    public void replaceAll(String repo, Collection<CodeFacts> all) {
        sql.transaction(c -> {
            for (String table : new String[] {"cortex_edges", "cortex_symbols", "cortex_files"}) {
                Sql.update(c, "DELETE FROM " + table + " WHERE repo = ?", repo);
            }
            return null;
        });
        save(repo, all, List.of());
    }

    /** Replaces the stored facts of some files and forgets others, in one transaction. */
    public void save(String repo, Collection<CodeFacts> changed, Collection<String> removed) {
        sql.transaction(c -> {
            for (String path : removed) {
                forget(c, repo, path);
            }
            for (CodeFacts f : changed) {
                forget(c, repo, f.path());
            }
            try (PreparedStatement file = c.prepareStatement("INSERT INTO cortex_files (repo, path, language, sha256,"
                    + " lines) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement symbol = c.prepareStatement("INSERT INTO cortex_symbols (repo, path, name, kind, line)"
                         + " VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement edge = c.prepareStatement("INSERT INTO cortex_edges (repo, path, from_name, to_name,"
                         + " kind, line) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (CodeFacts f : changed) {
                    file.setString(1, repo);
                    file.setString(2, f.path());
                    file.setString(3, f.language().label());
                    file.setString(4, f.sha256());
                    file.setInt(5, f.lines());
                    file.addBatch();
                    for (CodeFacts.Definition d : f.definitions()) {
                        symbol.setString(1, repo);
                        symbol.setString(2, f.path());
                        symbol.setString(3, cut(d.name()));
                        symbol.setString(4, d.kind());
                        symbol.setInt(5, d.line());
                        symbol.addBatch();
                    }
                    for (CodeFacts.Reference r : f.references()) {
                        edge.setString(1, repo);
                        edge.setString(2, f.path());
                        edge.setString(3, cut(r.from()));
                        edge.setString(4, cut(r.to()));
                        edge.setString(5, r.kind());
                        edge.setInt(6, r.line());
                        edge.addBatch();
                    }
                }
                file.executeBatch();
                symbol.executeBatch();
                edge.executeBatch();
            }
            return Sql.update(c, "UPDATE cortex_repos SET indexed_at = ? WHERE name = ?", Instant.now(), repo);
        });
    }

    private static void forget(Connection c, String repo, String path) throws SQLException {
        for (String table : new String[] {"cortex_edges", "cortex_symbols", "cortex_files"}) {
            Sql.update(c, "DELETE FROM " + table + " WHERE repo = ? AND path = ?", repo, path);
        }
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    /** Counts as stored: files, symbols, edges. */
    public long[] counts(String repo) {
        long[] counts = new long[3];
        String[] tables = {"cortex_files", "cortex_symbols", "cortex_edges"};
        for (int i = 0; i < 3; i++) {
            counts[i] = sql.query("SELECT COUNT(*) FROM " + tables[i] + " WHERE repo = ?", row -> row.getLong(1), repo)
                    .get(0);
        }
        return counts;
    }
}
