package dev.srooter.server.skills;

import dev.srooter.server.store.Refreshed;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stored skills, held in memory for the request path: a change made here shows on the next request, one
 * made on another node within {@link #TTL_MILLIS}.
 */
@ApplicationScoped
public class SkillBook {

    private static final long TTL_MILLIS = 5_000;

    @Inject
    Sql sql;

    private final Refreshed<Map<String, SkillRow>> byName = new Refreshed<>(TTL_MILLIS, this::read);

    public Map<String, SkillRow> rows() {
        return byName.get();
    }

    public Optional<SkillRow> find(String name) {
        return Optional.ofNullable(rows().get(name));
    }

    public void put(SkillRow row) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM skills WHERE name = ?", row.name());
            return Sql.update(c, "INSERT INTO skills (name, skill_text, kind, priority, intents, paths, repositories,"
                    + " off_teams, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.name(), row.text(),
                    row.kind(), row.priority(), join(row.intents()), join(row.paths()), join(row.repositories()),
                    join(row.offForTeams()), row.enabled(), Instant.now());
        });
        reload();
    }

    public boolean remove(String name) {
        int removed = sql.update("DELETE FROM skills WHERE name = ?", name);
        reload();
        return removed > 0;
    }

    public void reload() {
        byName.reload();
    }

    private Map<String, SkillRow> read() {
        List<SkillRow> rows = sql.query("SELECT name, skill_text, kind, priority, intents, paths, repositories,"
                + " off_teams, enabled FROM skills", r -> new SkillRow(r.getString(1), r.getString(2), r.getString(3),
                r.getInt(4), split(r.getString(5)), split(r.getString(6)), split(r.getString(7)),
                split(r.getString(8)), r.getBoolean(9)));
        return rows.stream().collect(Collectors.toUnmodifiableMap(SkillRow::name, Function.identity()));
    }

    private static String join(List<String> list) {
        return list == null ? "" : String.join("\n", list);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of()
                : Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
