package dev.srooter.server.audit;

import dev.srooter.server.store.AuditRecord;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/**
 * Audit records in the database: written in batches, read newest first or page by page for export.
 *
 * <p>Writes use one JDBC batch insert per batch rather than JPA: at thousands of requests a second the
 * writer shares the machine's cores with the request threads, and EclipseLink's per-entity change
 * tracking cost several times the insert itself. Reads stay on JPA.
 */
@ApplicationScoped
public class AuditStore {

    private static final String INSERT = "INSERT INTO audit_records (id, created_at, key_id, username, endpoint,"
            + " requested_model, served_model, provider, route, streamed, input_tokens, output_tokens,"
            + " cache_read_tokens, cache_write_tokens, cost_usd, price_known, latency_ms, ttfb_ms, status,"
            + " error_type, prompt_sha256, intent, intent_confidence, attempts, team, policies, skills,"
            + " risk_score, risk, task, turn, context_notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @Resource(lookup = "jdbc/srooter")
    DataSource dataSource;

    /**
     * Whether the database refused a write for what the record holds (SQL states of class 22, data, and 23,
     * constraint, on every database srooter supports), not because it could not be reached.
     */
    static boolean refusedForItsContent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException e = (SQLException) t; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Rows inserted between two yields of the writer's processor. A batch of a few hundred rows is about 10 ms of
     * processor; written in one go, it held a core while the request threads, the upstream and the client had one
     * left, and the requests answered meanwhile made most of the gateway's p99 at c=1 (bench/README.md, "The tail
     * at c=1"). Yielding every 16 rows (about half a millisecond) lets a woken request thread run first. Only for the
     * embedded database, whose work runs on the writer's thread; PostgreSQL does its work in its own processes, and
     * each slice would cost it a round trip.
     */
    static final int SLICE = 16;

    /** Writes a batch in one transaction: all of it or, on failure, none of it. */
    public void saveAll(List<AuditRecord> records) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int slice = connection.getMetaData().getDatabaseProductName().contains("Derby") ? SLICE : Integer.MAX_VALUE;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int added = 0;
                for (AuditRecord r : records) {
                    insert.setString(1, r.id);
                    insert.setTimestamp(2, Timestamp.from(r.createdAt));
                    insert.setString(3, r.keyId);
                    insert.setString(4, r.username);
                    insert.setString(5, r.endpoint);
                    insert.setString(6, r.requestedModel);
                    insert.setString(7, r.servedModel);
                    insert.setString(8, r.provider);
                    insert.setString(9, r.route);
                    insert.setBoolean(10, r.streamed);
                    insert.setLong(11, r.inputTokens);
                    insert.setLong(12, r.outputTokens);
                    insert.setLong(13, r.cacheReadTokens);
                    insert.setLong(14, r.cacheWriteTokens);
                    insert.setDouble(15, r.costUsd);
                    insert.setBoolean(16, r.priceKnown);
                    insert.setDouble(17, r.latencyMs);
                    if (r.ttfbMs == null) {
                        insert.setNull(18, Types.DOUBLE);
                    } else {
                        insert.setDouble(18, r.ttfbMs);
                    }
                    insert.setInt(19, r.status);
                    insert.setString(20, r.errorType);
                    insert.setString(21, r.promptSha256);
                    insert.setString(22, r.intent);
                    if (r.intentConfidence == null) {
                        insert.setNull(23, Types.DOUBLE);
                    } else {
                        insert.setDouble(23, r.intentConfidence);
                    }
                    insert.setString(24, r.attempts);
                    insert.setString(25, r.team);
                    insert.setString(26, r.policies);
                    insert.setString(27, r.skills);
                    if (r.riskScore == null) {
                        insert.setNull(28, Types.INTEGER);
                    } else {
                        insert.setInt(28, r.riskScore);
                    }
                    insert.setString(29, r.risk);
                    insert.setString(30, r.task);
                    if (r.turn == null) {
                        insert.setNull(31, Types.INTEGER);
                    } else {
                        insert.setInt(31, r.turn);
                    }
                    insert.setString(32, r.contextNotes);
                    insert.addBatch();
                    if (++added % slice == 0) {
                        insert.executeBatch();
                        Thread.yield();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit batch insert failed: " + e.getMessage(), e);
        }
    }

    public List<AuditRecord> newest(int limit) {
        return newest(AuditQuery.ALL, 0, limit);
    }

    /** Matching records, newest first, skipping {@code offset}. */
    public List<AuditRecord> newest(AuditQuery query, int offset, int limit) {
        return query.select(em, "a.createdAt DESC, a.id DESC", AuditRecord.class).setFirstResult(offset)
                .setMaxResults(limit).getResultList();
    }

    /**
     * One page of matching records, oldest first, after the record {@code last} of the page before (null: from the
     * start), for exports that must not hold everything in memory. The records are let go of by the persistence
     * context once read: it kept every record of every page of an export (134,000 of them, 130 MB, in the middle of
     * exporting a benchmark's audit log; bench/README.md).
     */
    public List<AuditRecord> pageAfter(AuditQuery query, AuditRecord last, int size) {
        List<AuditRecord> page = query.select(em, "a.createdAt, a.id", AuditRecord.class,
                last == null ? null : last.createdAt, last == null ? null : last.id).setMaxResults(size)
                .getResultList();
        em.clear();
        return page;
    }
}
