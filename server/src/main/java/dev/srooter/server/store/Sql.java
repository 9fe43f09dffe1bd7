package dev.srooter.server.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC for the governance tables, whose writes are single statements or need row locks and atomic
 * increments that JPA would only obscure. Every call is its own short transaction.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work inside one transaction on one connection; committed when it returns, rolled back when it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Resource(lookup = "jdbc/srooter")
    DataSource dataSource;

    public Sql() {
    }

    /** Outside the server: tests that play several gateway nodes on one database. */
    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... args) {
        return transaction(c -> update(c, sql, args));
    }

    public <T> List<T> query(String sql, Row<T> row, Object... args) {
        return transaction(c -> query(c, sql, row, args));
    }

    /** At most {@code limit} rows: the database stops reading there, rather than the caller dropping the rest. */
    public <T> List<T> query(int limit, String sql, Row<T> row, Object... args) {
        return transaction(c -> {
            try (PreparedStatement statement = prepare(c, sql, args)) {
                statement.setMaxRows(Math.max(0, limit));
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(row.read(rows));
                    }
                    return result;
                }
            }
        });
    }

    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    public static int update(Connection connection, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args)) {
            return statement.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... args)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, args); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i] instanceof Instant instant ? Timestamp.from(instant) : args[i];
            if (arg == null) {
                // the column's own type: PostgreSQL refuses a null typed VARCHAR for an INTEGER column
                statement.setNull(i + 1, statement.getParameterMetaData().getParameterType(i + 1));
            } else {
                statement.setObject(i + 1, arg);
            }
        }
        return statement;
    }
}
