package dev.srooter.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.store.EmbeddedDerby;
import dev.srooter.server.store.Sql;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A master key rotation on a real (embedded Derby) database: values sealed with the old key open while the old key is
 * the previous one, {@link Reseal} seals every kind of stored secret again with the new key, and afterwards the new
 * key alone opens them all; a second run finds nothing to do.
 */
class ResealTest {

    @TempDir
    Path folder;

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void everyStoredSecretIsSealedAgainWithTheNewKey() throws Exception {
        DataSource ds = EmbeddedDerby.open(folder.resolve("db"));
        Sql sql = new Sql(ds);
        byte[] oldKey = key();
        byte[] newKey = key();
        SecretBox old = SecretBox.of(oldKey);
        sql.update("INSERT INTO providers (id, name, kind, base_url, api_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                "p1", "anthropic", "anthropic", "http://127.0.0.1:1", "", Instant.now());
        sql.update("INSERT INTO provider_credentials (id, provider_id, secret, hint, state, created_at) VALUES (?, ?, ?,"
                + " ?, ?, ?)", "c1", "p1", old.seal("sk-ant-secret", "p1"), "sk-...", "active", Instant.now());
        sql.update("INSERT INTO signing_keys (id, private_sealed, public_pem, created_at) VALUES (?, ?, ?, ?)",
                "console-tokens", old.seal("PRIVATE PEM", "console-tokens"), "PUBLIC PEM", Instant.now());
        sql.update("INSERT INTO audit_sinks (name, enabled, settings) VALUES (?, ?, ?)", "webhook", true,
                "{\"url\":\"http://x\",\"secret\":\"" + old.seal("hook-secret", "audit-sink:webhook:secret") + "\"}");

        SecretBox rotating = SecretBox.of(newKey, oldKey);
        assertEquals("sk-ant-secret", rotating.unseal(credential(sql), "p1"), "the old key's values open meanwhile");
        assertEquals(3, Reseal.run(sql, rotating));
        assertEquals(0, Reseal.run(sql, rotating), "nothing left to do");

        SecretBox rotated = SecretBox.of(newKey);
        assertEquals("sk-ant-secret", rotated.unseal(credential(sql), "p1"));
        assertEquals("PRIVATE PEM", rotated.unseal(sql.query("SELECT private_sealed FROM signing_keys",
                r -> r.getString(1)).get(0), "console-tokens"));
        String settings = sql.query("SELECT settings FROM audit_sinks", r -> r.getString(1)).get(0);
        String sealedHook = jakarta.json.Json.createReader(new java.io.StringReader(settings)).readObject()
                .getString("secret");
        assertEquals("hook-secret", rotated.unseal(sealedHook, "audit-sink:webhook:secret"));
        assertTrue(settings.contains("\"url\":\"http://x\""), "other settings kept");
        assertThrows(IllegalStateException.class, () -> old.unseal(credential(sql), "p1"), "the old key is retired");
    }

    private static String credential(Sql sql) {
        return sql.query("SELECT secret FROM provider_credentials WHERE id = 'c1'", r -> r.getString(1)).get(0);
    }
}
