package dev.srooter.server.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** For tests: migration scripts run again on a migrated database, as their migration runs them, outside the books. */
public final class Scripts {

    private Scripts() {
    }

    /** Drops {@code tables} and runs the scripts that create and fill them (each in its dialect's version), in order. */
    public static void recreate(DataSource ds, List<String> tables, String... scripts) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE " + table);
            }
            for (String script : scripts) {
                for (String sql : SchemaMigrations.statements(SchemaMigrations.script(c, script))) {
                    s.execute(sql);
                }
            }
        }
    }
}
