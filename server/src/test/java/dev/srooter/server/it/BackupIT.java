package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Online backups of the embedded database, taken through the admin API while the gateway serves: the backup opens as
 * a Derby database of its own, in this JVM, and holds what the gateway had recorded before it. On PostgreSQL the API
 * says to use that database's tools.
 */
class BackupIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void aBackupTakenWhileServingOpensAsADatabaseThatHoldsTheRecordsBeforeIt() throws Exception {
        HttpResponse<String> sent = gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"before the backup\"}]}");
        String id = sent.headers().firstValue("x-srooter-request-id").orElseThrow();
        gateway.auditRecord(id); // stored

        HttpResponse<String> taken = gateway.admin("POST", "/api/backups", null);
        if ("postgresql".equals(System.getProperty("srooter.db"))) {
            assertEquals(409, taken.statusCode(), taken.body());
            assertTrue(taken.body().contains("pg_dump"), taken.body());
            return;
        }
        assertEquals(201, taken.statusCode(), taken.body());
        JsonObject backup = Gateway.object(taken.body());
        assertTrue(backup.getJsonNumber("bytes").longValue() > 100_000, backup.toString());
        Path folder = Path.of(backup.getString("path"));
        assertTrue(folder.startsWith(gateway.dataDir().resolve("backups")), folder.toString());

        // the copy is a database in its own right: open it, as a restore would, and find the record
        String url = "jdbc:derby:" + folder.resolve("derby");
        try (Connection copy = DriverManager.getConnection(url);
             PreparedStatement query = copy.prepareStatement("SELECT status FROM audit_records WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the backup holds the record stored before it");
                assertEquals(200, row.getInt(1));
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true").close();
            } catch (SQLException shutDown) {
                // Derby reports a clean shutdown as an exception
            }
        }

        JsonObject listed = Gateway.array(gateway.admin("GET", "/api/backups", null).body())
                .getValuesAs(JsonObject.class).get(0);
        assertEquals(backup.getString("name"), listed.getString("name"), "the newest first");

        // SROOTER_BACKUP_KEEP is 3 on the IT servers: after four more, the newest three are left
        String newest = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> more = gateway.admin("POST", "/api/backups", null);
            assertEquals(201, more.statusCode(), more.body());
            newest = Gateway.object(more.body()).getString("name");
        }
        java.util.List<String> kept = Gateway.array(gateway.admin("GET", "/api/backups", null).body())
                .getValuesAs(JsonObject.class).stream().map(b -> b.getString("name")).toList();
        assertEquals(3, kept.size(), kept.toString());
        assertEquals(newest, kept.get(0));
        assertTrue(java.nio.file.Files.notExists(folder), "the first backup, now the oldest, was removed");
        assertEquals(200, gateway.anthropic("/v1/messages", "{\"model\":\"" + Gateway.CLAUDE
                + "\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"after\"}]}").statusCode());
    }

    @Test
    void onlyAdminsTakeBackups() {
        String lead = gateway.createUser("backup-lead-" + System.nanoTime(), "lead");
        assertEquals(403, gateway.as(lead, "POST", "/api/backups", null).statusCode());
        assertEquals(403, gateway.as(lead, "GET", "/api/backups", null).statusCode());
    }
}
