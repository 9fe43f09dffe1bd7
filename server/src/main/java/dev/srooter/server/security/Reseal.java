package dev.srooter.server.security;

import dev.srooter.server.store.Sql;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * The second half of a master key rotation: every value stored sealed (provider credentials and subscriptions, audit
 * sinks' secret settings, the console signing key) that opens only with the previous key is sealed again with the
 * current one, each in its own short transaction. Run at start while {@code SROOTER_MASTER_KEY_PREVIOUS} is set;
 * running it again finds nothing to do. What it binds each value to is what its owner binds it to.
 */
public final class Reseal {

    private Reseal() {
    }

    /** Re-seals what needs it; returns how many values were re-sealed. */
    public static int run(Sql sql, SecretBox box) {
        if (!box.rotating()) {
            return 0;
        }
        int count = 0;
        count += column(sql, box, "provider_credentials", "id", "provider_id", "secret");
        count += column(sql, box, "signing_keys", "id", "id", "private_sealed");
        List<Map.Entry<String, String>> sinks = sql.query("SELECT name, settings FROM audit_sinks",
                x -> Map.entry(x.getString(1), x.getString(2)));
        for (Map.Entry<String, String> sink : sinks) {
            JsonObject settings = Json.createReader(new StringReader(sink.getValue())).readObject();
            JsonObjectBuilder resealed = Json.createObjectBuilder();
            int before = count;
            for (Map.Entry<String, JsonValue> e : settings.entrySet()) {
                String bound = "audit-sink:" + sink.getKey() + ":" + e.getKey();
                if (e.getValue() instanceof JsonString s && SecretNames.secret(e.getKey())
                        && stale(box, s.getString(), bound)) {
                    resealed.add(e.getKey(), box.seal(box.unseal(s.getString(), bound), bound));
                    count++;
                } else {
                    resealed.add(e.getKey(), e.getValue());
                }
            }
            if (count > before) {
                sql.update("UPDATE audit_sinks SET settings = ? WHERE name = ? AND settings = ?",
                        resealed.build().toString(), sink.getKey(), sink.getValue());
            }
        }
        return count;
    }

    /** Re-seals one column whose values are bound to another column of their row. */
    private static int column(Sql sql, SecretBox box, String table, String id, String boundTo, String value) {
        record Row(String id, String bound, String value) {
        }
        int count = 0;
        for (Row r : sql.query("SELECT " + id + ", " + boundTo + ", " + value + " FROM " + table,
                x -> new Row(x.getString(1), x.getString(2), x.getString(3)))) {
            if (stale(box, r.value(), r.bound())) {
                sql.update("UPDATE " + table + " SET " + value + " = ? WHERE " + id + " = ? AND " + value + " = ?",
                        box.seal(box.unseal(r.value(), r.bound()), r.bound()), r.id(), r.value());
                count++;
            }
        }
        return count;
    }

    private static boolean stale(SecretBox box, String value, String bound) {
        return SecretBox.isSealed(value) && !box.sealedWithCurrentKey(value, bound);
    }
}
