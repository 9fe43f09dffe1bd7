package dev.srooter.server.plugins;

import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;

/** Which plugins an admin disabled, kept in the database so a restart keeps them disabled. */
@ApplicationScoped
public class PluginStates {

    @Inject
    Sql sql;

    public Set<String> disabled() {
        return sql.query("SELECT plugin_id FROM plugin_states WHERE enabled = ?", row -> row.getString(1), false)
                .stream().collect(Collectors.toUnmodifiableSet());
    }

    public void save(Set<String> disabled) {
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM plugin_states");
            for (String id : disabled) {
                Sql.update(c, "INSERT INTO plugin_states (plugin_id, enabled) VALUES (?, ?)", id, false);
            }
            return null;
        });
    }
}
