package dev.srooter.server.context;

import dev.srooter.server.cortex.CodeFacts;
import dev.srooter.server.cortex.CodeGraph;
import dev.srooter.server.cortex.Cortex;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What other agents did to the code a request is about to touch. After a turn, the files its tool calls wrote are
 * kept as traces, by the names Cortex knows and nothing else; before a request, the traces other tasks left on the
 * files it touches, within the admin's window and scope, become a short note that goes where the skills go. The
 * note is a function of the traces alone (times to the minute, files and tasks in a fixed order), so it is the same
 * bytes on every turn while nothing changes, and the provider's prompt cache holds.
 */
@ApplicationScoped
public class CrossAgentContext {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The note for a request, and the files it names (for {@code x-srooter-context} and the audit). */
    public record Note(String text, List<String> files) {
    }

    @Inject
    Traces traces;

    @Inject
    Cortex cortex;

    @Inject
    Sql sql;

    private volatile ContextSettings settings;
    private volatile long settingsAt;

    public Traces traces() {
        return traces;
    }

    /** The admin's settings, read at most every two seconds (another node may have changed them). */
    public ContextSettings settings() {
        long now = System.currentTimeMillis();
        ContextSettings s = settings;
        if (s == null || now - settingsAt > 2000) {
            List<String> stored = sql.query("SELECT value FROM routing_settings WHERE name = ?", r -> r.getString(1),
                    "context.settings");
            s = stored.isEmpty() ? ContextSettings.DEFAULTS : parse(stored.get(0));
            settings = s;
            settingsAt = now;
        }
        return s;
    }

    public void save(ContextSettings s) {
        String value = Json.createObjectBuilder().add("enabled", s.enabled()).add("scope", s.scope())
                .add("repositories", Json.createArrayBuilder(s.repositories())).add("windowHours", s.windowHours())
                .add("maxFiles", s.maxFiles()).build().toString();
        sql.transaction(c -> {
            Sql.update(c, "DELETE FROM routing_settings WHERE name = ?", "context.settings");
            return Sql.update(c, "INSERT INTO routing_settings (name, value) VALUES (?, ?)", "context.settings", value);
        });
        settings = s;
        settingsAt = System.currentTimeMillis();
    }

    private static ContextSettings parse(String json) {
        var o = Json.createReader(new StringReader(json)).readObject();
        return new ContextSettings(o.getBoolean("enabled", true), o.getString("scope", "org"),
                o.getJsonArray("repositories") == null ? List.of() : o.getJsonArray("repositories")
                        .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                        .toList(), o.getInt("windowHours", 24), o.getInt("maxFiles", 5));
    }

    /**
     * Traces for the files a finished turn wrote ({@code written}: as its tool calls named them), those Cortex
     * knows in {@code repo}, with the names of the symbols each defines.
     */
    public List<Trace> traced(String repo, String workingDirectory, List<String> written, String task, String username,
                              String team, String intent, String route) {
        CodeGraph graph = cortex.graphs().get(repo);
        if (graph == null) {
            return List.of();
        }
        List<Trace> out = new ArrayList<>();
        Instant now = Instant.now();
        for (String path : written) {
            String file = relative(path, workingDirectory, cortex.root(repo));
            CodeFacts facts = graph.files().get(file);
            if (facts == null) {
                continue; // a file Cortex does not know: nothing is kept of it
            }
            List<String> names = facts.definitions().stream().filter(d -> !d.kind().equals("module"))
                    .map(CodeFacts.Definition::name).distinct().limit(5).toList();
            out.add(new Trace(task, repo, file, String.join(", ", names), username, team, intent,
                    route == null ? null : route.substring(0, Math.min(200, route.length())), null, now));
        }
        return out;
    }

    /** The note for a request that touches {@code files} of {@code repo}; null when other tasks left none. */
    public Note noteFor(String repo, List<String> files, String task, String team) {
        ContextSettings s = settings();
        if (!s.enabled() || !s.covers(repo) || files.isEmpty()) {
            return null;
        }
        if ("team".equals(s.scope()) && team == null) {
            return null; // a caller of no team has no team's changes to hear of
        }
        Instant since = Instant.now().minus(s.windowHours(), ChronoUnit.HOURS);
        List<Trace> found = traces.of(repo, files, since, task == null ? "" : task,
                "team".equals(s.scope()) ? team : null);
        // per file, the newest change by another task; files in the order the request touches them
        Map<String, Trace> newest = new LinkedHashMap<>();
        for (String file : files) {
            found.stream().filter(t -> t.file().equals(file)).findFirst().ifPresent(t -> newest.put(file, t));
            if (newest.size() >= s.maxFiles()) {
                break;
            }
        }
        if (newest.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("srooter cross-agent context: other agents changed code this task"
                + " touches, recently:");
        for (Trace t : newest.values()) {
            long others = found.stream().filter(x -> x.file().equals(t.file())).map(Trace::task).distinct().count();
            text.append("\n- ").append(t.file());
            if (t.symbols() != null && !t.symbols().isBlank()) {
                text.append(" (").append(t.symbols()).append(')');
            }
            text.append(" was changed at ").append(MINUTE.format(t.changedAt().truncatedTo(ChronoUnit.MINUTES)))
                    .append(" in another task").append(t.team() == null ? "" : " by the " + t.team() + " team");
            if (t.intent() != null) {
                text.append(" (").append(t.intent()).append(" work)");
            }
            if (others > 1) {
                text.append("; ").append(others).append(" tasks changed it in the last ").append(s.windowHours())
                        .append(" h");
            }
            if (t.council() != null) {
                text.append("; council: ").append(t.council());
            }
        }
        text.append("\nCheck the current state of these files before relying on what you remember of them.");
        return new Note(text.toString(), List.copyOf(newest.keySet()));
    }

    static String relative(String path, String workingDirectory, String root) {
        String p = path.replace('\\', '/');
        for (String base : new String[] {workingDirectory, root}) {
            if (base != null) {
                String b = base.endsWith("/") ? base : base + "/";
                if (p.startsWith(b)) {
                    return p.substring(b.length());
                }
            }
        }
        return p.startsWith("./") ? p.substring(2) : p;
    }
}
