package dev.srooter.server.store;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/** For tests: one migration script run again on a migrated database, as its migration runs it, outside the books. */
public final class Scripts {

    private Scripts() {
    }

    /** Drops {@code table} and runs the script that creates and fills it (its dialect's version). */
    public static void recreate(DataSource ds, String table, String script) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
            for (String sql : SchemaMigrations.statements(SchemaMigrations.script(c, script))) {
                s.execute(sql);
            }
        }
    }
}
