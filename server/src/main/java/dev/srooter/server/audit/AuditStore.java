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
import java.util.Collections;
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

    private static final String COLUMNS = "INSERT INTO audit_records (id, created_at, key_id, username, endpoint,"
            + " requested_model, served_model, provider, route, streamed, input_tokens, output_tokens,"
            + " cache_read_tokens, cache_write_tokens, cost_usd, price_known, latency_ms, ttfb_ms, status,"
            + " error_type, prompt_sha256, intent, intent_confidence, attempts, team, policies, skills,"
            + " risk_score, risk, task, turn, context_notes) VALUES ";
    private static final int FIELDS = 32;
    private static final String ROW = "(" + "?, ".repeat(FIELDS - 1) + "?)";

    /** An insert of {@code rows} rows in one statement. */
    static String insert(int rows) {
        return COLUMNS + String.join(", ", Collections.nCopies(rows, ROW));
    }

    @PersistenceContext(unitName = "srooter")
    EntityManager em;

    @Resource(lookup = "jdbc/srooter")
    DataSource dataSource;

    public AuditStore() {
    }

    /** Outside the server: tests that write batches into a database of their own (no reads through JPA). */
    public AuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

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
     * Rows to a statement on the embedded database when the gateway is busy, with a yield of the writer's processor
     * between statements. A batch of a few hundred rows is about 10 ms of processor; written in one go, it held a core
     * while the request threads, the upstream and the client had one left, and the requests answered meanwhile made
     * most of the gateway's p99 at c=1 (bench/README.md, "The tail at c=1"). The yields are only for the embedded
     * database, whose work runs on the writer's thread; PostgreSQL does its work in its own processes, and gets the
     * whole batch's statements in one round trip.
     */
    static final int SLICE = 16;

    /**
     * Rows to a statement on the embedded database, by whether the writer is keeping up. A writer that keeps up found
     * fewer than a whole batch waiting and let a tenth of a second of records gather: the gateway has processor to
     * spare, so its rows go one to a statement, with a yield after each. A statement of 16 rows is 0.5-0.9 ms of
     * Derby's work, and a request thread that the scheduler wakes on the writer's core waits for the statement's end
     * even while the other core is idle: at c=1 that was the most common stall (bench/tail.py; bench/README.md, "The
     * audit writer's statements and the scheduler"). One row is about 50 us. It costs about a third more of the
     * writer's processor a row (0.238 to 0.256 ms a request at 2 KB c=32), which a writer that is behind (a whole batch
     * waiting for it) cannot spare: throughput at 2 KB c=32 fell by 14% with one row a statement, so a writer behind
     * writes 16. The choice once went by the batch's size (under 512 rows, one), but a batch holds what arrived during
     * the last write as well as the tenth of a second, and at c=1 that took it over 512 at about 3,400 requests a
     * second (bench/README.md, "The rows a statement, chosen by whether the writer keeps up").
     */
    static int rowsPerStatement(boolean writerBehind) {
        return writerBehind ? SLICE : 1;
    }

    /** A batch from a writer that keeps up ({@link #saveAll(List, boolean)}). */
    public void saveAll(List<AuditRecord> records) {
        saveAll(records, false);
    }

    /**
     * Writes a batch in one transaction, with its sums by hour ({@link HourlyRollup}) and its tasks' totals
     * ({@link TaskRollup}): all of it or, on failure, none of it.
     *
     * <p>Rows go several to a statement ({@link #rowsPerStatement}) rather than one to each of a JDBC batch's entries:
     * embedded Derby copies every parameter of every entry it is given in a batch, and opens the table and its four
     * indexes for each entry. The writer's garbage went from 14.7 to 8.8 KB a row, its processor time unchanged within
     * the machine's spread (bench/auditwriter.py; bench/README.md, "The audit writer's work a row").
     *
     * @param writerBehind whether the writer found a whole batch waiting, so that its processor is short
     */
    public void saveAll(List<AuditRecord> records, boolean writerBehind) {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            boolean embedded = connection.getMetaData().getDatabaseProductName().contains("Derby");
            try {
                int slice = embedded ? rowsPerStatement(writerBehind) : SLICE;
                int sliced = records.size() / slice * slice; // the rows that fill statements of a slice's rows
                if (sliced > 0) {
                    try (PreparedStatement whole = connection.prepareStatement(insert(slice))) {
                        for (int from = 0; from < sliced; from += slice) {
                            bind(whole, records.subList(from, from + slice));
                            if (embedded) {
                                whole.executeUpdate();
                                Thread.yield();
                            } else {
                                whole.addBatch();
                            }
                        }
                        if (!embedded) {
                            whole.executeBatch();
                        }
                    }
                }
                if (sliced < records.size()) {
                    try (PreparedStatement rest = connection.prepareStatement(insert(records.size() - sliced))) {
                        bind(rest, records.subList(sliced, records.size()));
                        rest.executeUpdate();
                    }
                }
                HourlyRollup.add(connection, records, embedded);
                TaskRollup.add(connection, records, embedded);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit batch insert failed: " + e.getMessage(), e);
        }
    }

    /** Sets the parameters of a statement of {@code rows.size()} rows. */
    private static void bind(PreparedStatement insert, List<AuditRecord> rows) throws SQLException {
        int o = 0;
        for (AuditRecord r : rows) {
            insert.setString(o + 1, r.id);
            insert.setTimestamp(o + 2, Timestamp.from(r.createdAt));
            insert.setString(o + 3, r.keyId);
            insert.setString(o + 4, r.username);
            insert.setString(o + 5, r.endpoint);
            insert.setString(o + 6, r.requestedModel);
            insert.setString(o + 7, r.servedModel);
            insert.setString(o + 8, r.provider);
            insert.setString(o + 9, r.route);
            insert.setBoolean(o + 10, r.streamed);
            insert.setLong(o + 11, r.inputTokens);
            insert.setLong(o + 12, r.outputTokens);
            insert.setLong(o + 13, r.cacheReadTokens);
            insert.setLong(o + 14, r.cacheWriteTokens);
            insert.setDouble(o + 15, r.costUsd);
            insert.setBoolean(o + 16, r.priceKnown);
            insert.setDouble(o + 17, r.latencyMs);
            setOrNull(insert, o + 18, r.ttfbMs, Types.DOUBLE);
            insert.setInt(o + 19, r.status);
            insert.setString(o + 20, r.errorType);
            insert.setString(o + 21, r.promptSha256);
            insert.setString(o + 22, r.intent);
            setOrNull(insert, o + 23, r.intentConfidence, Types.DOUBLE);
            insert.setString(o + 24, r.attempts);
            insert.setString(o + 25, r.team);
            insert.setString(o + 26, r.policies);
            insert.setString(o + 27, r.skills);
            setOrNull(insert, o + 28, r.riskScore, Types.INTEGER);
            insert.setString(o + 29, r.risk);
            insert.setString(o + 30, r.task);
            setOrNull(insert, o + 31, r.turn, Types.INTEGER);
            insert.setString(o + 32, r.contextNotes);
            o += FIELDS;
        }
    }

    /** A parameter that may be NULL, of its SQL type (the audit's writes and the rollups that ride on them). */
    static void setOrNull(PreparedStatement insert, int index, Object value, int type) throws SQLException {
        if (value == null) {
            insert.setNull(index, type);
        } else {
            insert.setObject(index, value, type);
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
