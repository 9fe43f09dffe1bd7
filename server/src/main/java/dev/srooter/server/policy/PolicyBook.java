package dev.srooter.server.policy;

import dev.srooter.api.PolicySettings;
import dev.srooter.server.store.Refreshed;
import dev.srooter.server.store.Sql;
import dev.srooter.server.translate.Js;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The admins' settings for each policy, org-wide, per team and per user, held in memory for the request path.
 * A change made here shows on the next request; a change made on another node shows within {@link #TTL_MILLIS}.
 */
@ApplicationScoped
public class PolicyBook {

    public static final String ORG = "org";
    public static final String TEAM = "team";
    public static final String USER = "user";
    private static final long TTL_MILLIS = 5_000;

    /** One stored setting. */
    public record Entry(String policy, String scope, String subject, JsonObject config, Instant updatedAt) {
    }

    private record Snapshot(List<Entry> entries, Map<Key, Map<String, Object>> byKey) {
    }

    @Inject
    Sql sql;

    private final Refreshed<Snapshot> snapshot = new Refreshed<>(TTL_MILLIS, this::read);

    /** The settings that apply to a caller for one policy. */
    public PolicySettings settingsFor(String policy, String team, String username) {
        Map<Key, Map<String, Object>> byKey = current().byKey();
        Map<String, Object> org = byKey.get(key(policy, ORG, ""));
        Map<String, Object> forTeam = team == null ? null : byKey.get(key(policy, TEAM, team));
        Map<String, Object> forUser = username == null ? null : byKey.get(key(policy, USER, username));
        return org == null && forTeam == null && forUser == null ? PolicySettings.NONE
                : new PolicySettings(org, forTeam, forUser);
    }

    public List<Entry> entries() {
        return current().entries();
    }

    public void put(String policy, String scope, String subject, JsonObject config) {
        String json = new String(Js.bytes(config), StandardCharsets.UTF_8);
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM policy_settings WHERE policy = ? AND scope = ? AND subject = ?", policy, scope,
                    subject);
            return Sql.update(c, "INSERT INTO policy_settings (policy, scope, subject, config, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", policy, scope, subject, json, Instant.now());
        });
        reload();
    }

    public boolean remove(String policy, String scope, String subject) {
        int removed = sql.update("DELETE FROM policy_settings WHERE policy = ? AND scope = ? AND subject = ?", policy,
                scope, subject);
        reload();
        return removed > 0;
    }

    public void reload() {
        snapshot.reload();
    }

    private Snapshot read() {
        List<Entry> entries = sql.query("SELECT policy, scope, subject, config, updated_at FROM policy_settings"
                + " ORDER BY policy, scope, subject", row -> new Entry(row.getString(1), row.getString(2),
                row.getString(3), Js.parse(row.getString(4).getBytes(StandardCharsets.UTF_8)),
                row.getTimestamp(5).toInstant()));
        Map<Key, Map<String, Object>> byKey = new HashMap<>();
        for (Entry e : entries) {
            byKey.put(key(e.policy(), e.scope(), e.subject()), JsonMaps.map(e.config()));
        }
        return new Snapshot(List.copyOf(entries), Map.copyOf(byKey));
    }

    private Snapshot current() {
        return snapshot.get();
    }

    /** A policy's settings for one scope and subject, as the snapshot keys them (a record: no string per lookup). */
    private record Key(String policy, String scope, String subject) {
    }

    private static Key key(String policy, String scope, String subject) {
        return new Key(policy, scope, subject);
    }
}
