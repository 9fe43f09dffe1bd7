package dev.srooter.server.store;

import java.nio.file.Path;
import javax.sql.DataSource;

/** For tests: an embedded Derby database in a folder, migrated as the server migrates its own. */
public final class EmbeddedDerby {

    private EmbeddedDerby() {
    }

    public static DataSource open(Path folder) throws Exception {
        // by name: Derby's classes are on the test class path only
        DataSource ds = (DataSource) Class.forName("org.apache.derby.jdbc.EmbeddedDataSource").getConstructor()
                .newInstance();
        ds.getClass().getMethod("setDatabaseName", String.class).invoke(ds, folder.toString());
        ds.getClass().getMethod("setCreateDatabase", String.class).invoke(ds, "create");
        new SchemaMigrations(ds).migrate();
        return ds;
    }
}
