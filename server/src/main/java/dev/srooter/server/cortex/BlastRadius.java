package dev.srooter.server.cortex;

import dev.srooter.server.skills.RequestScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much a request's change could break: the files and symbols it touches (paths in tool calls, identifiers
 * that look like code and name a definition in the graph) resolved in the repository it works in, the
 * transitive dependents counted, sensitive areas tagged, and a score of 0 to 100 made of both.
 */
@ApplicationScoped
public class BlastRadius {

    /** How far the dependents walk goes on the request path (the count reads "500" for "500 or more"). */
    private static final int DEPENDENTS_LIMIT = 500;
    private static final int MAX_IDENTIFIERS = 400;
    /** Symbols taken from identifiers: the specific ones (a name defined in one or two places), this many. */
    private static final int MAX_NAMED = 40;

    /**
     * The result, recorded in the exchange, the audit log and {@code x-srooter-risk}. {@code neighbourhood}: the
     * code around the change by name only, what is touched ("Ledger (java/.../Ledger.java)") then what depends on
     * it ("used by ChargeService (...)"), for the council's reviewers. {@code area}: the repository and top folder
     * of the work ({@code shop:java}), one of the contexts routes learn in. {@code files}: the files touched, relative to
     * the repository, for cross-agent context.
     */
    public record Risk(int score, String level, String repo, int touched, int dependents, List<String> topSymbols,
                       List<String> tags, double millis, List<String> neighbourhood, String area,
                       List<String> files) {
        public String summary() {
            return level + " " + score + "; " + touched + " touched, " + dependents + " dependents"
                    + (tags.isEmpty() ? "" : "; " + String.join(", ", tags))
                    + (topSymbols.isEmpty() ? "" : "; " + String.join(", ", topSymbols));
        }
    }

    @Inject
    Cortex cortex;

    @Inject
    dev.srooter.server.store.Sql sql;

    private volatile Sensitivity sensitivity = new Sensitivity(Sensitivity.DEFAULTS);
    private volatile Map<String, List<String>> sensitiveTags = Sensitivity.DEFAULTS;

    public Map<String, List<String>> sensitiveTags() {
        return sensitiveTags;
    }

    public void setSensitiveTags(Map<String, List<String>> tags) {
        sensitiveTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        sensitivity = new Sensitivity(tags);
    }

    /** Keeps the admin's sensitive areas (as JSON in the routing settings). */
    public void save() {
        var json = jakarta.json.Json.createObjectBuilder();
        sensitiveTags.forEach((tag, globs) -> json.add(tag, jakarta.json.Json.createArrayBuilder(globs)));
        String value = json.build().toString();
        sql.transaction(c -> {
            dev.srooter.server.store.Sql.update(c, "DELETE FROM routing_settings WHERE name = ?", "cortex.sensitive");
            return dev.srooter.server.store.Sql.update(c, "INSERT INTO routing_settings (name, value) VALUES (?, ?)",
                    "cortex.sensitive", value);
        });
    }

    /** Reads the admin's sensitive areas, if any were set. */
    public void load() {
        List<String> stored = sql.query("SELECT value FROM routing_settings WHERE name = ?", row -> row.getString(1),
                "cortex.sensitive");
        if (!stored.isEmpty()) {
            Map<String, List<String>> tags = new LinkedHashMap<>();
            jakarta.json.Json.createReader(new java.io.StringReader(stored.get(0))).readObject().forEach((tag, globs) ->
                    tags.put(tag, globs.asJsonArray().getValuesAs(jakarta.json.JsonString.class).stream()
                            .map(jakarta.json.JsonString::getString).toList()));
            setSensitiveTags(tags);
        }
    }

    /**
     * The risk of a request body, or null when no registered repository knows anything it touches. The body is
     * asked for only when some repository is registered.
     */
    public Risk gauge(java.util.function.Supplier<String> text) {
        if (cortex.graphs().isEmpty()) {
            return null;
        }
        long start = System.nanoTime();
        String body = text.get();
        String workingDirectory = RequestScope.workingDirectory(body);
        Map.Entry<String, CodeGraph> repo = repoFor(workingDirectory);
        if (repo == null) {
            return null;
        }
        CodeGraph graph = repo.getValue();
        Set<String> files = new LinkedHashSet<>();
        Set<String> tags = new TreeSet<>();
        for (String path : RequestScope.paths(body)) {
            String relative = relative(path, workingDirectory);
            tags.addAll(sensitivity.tagsOf(relative)); // migrations, CI and manifests are not code, and still count
            if (graph.files().containsKey(relative)) {
                files.add(relative);
            }
        }
        Map<String, CodeGraph.Symbol> touched = new LinkedHashMap<>();
        for (String file : files) {
            CodeFacts facts = graph.files().get(file);
            for (CodeFacts.Definition d : facts.definitions()) {
                CodeGraph.Symbol s = new CodeGraph.Symbol(d.name(), d.kind(), file, d.line());
                touched.put(s.key(), s);
            }
        }
        int named = 0;
        for (String identifier : identifiers(body)) {
            List<CodeGraph.Symbol> symbols = graph.named(identifier);
            if (symbols.isEmpty() || symbols.size() > 2) {
                continue; // unknown, or a common name (get, apply) that says nothing about what is touched
            }
            for (CodeGraph.Symbol s : symbols) {
                touched.putIfAbsent(s.key(), s);
            }
            if (++named >= MAX_NAMED) {
                break;
            }
        }
        if (touched.isEmpty() && tags.isEmpty()) {
            return null;
        }
        List<CodeGraph.Symbol> dependents = graph.transitiveDependents(touched.values(), DEPENDENTS_LIMIT);
        Set<String> taggedFiles = new java.util.HashSet<>(files);
        for (CodeGraph.Symbol s : touched.values()) {
            if (!s.kind().equals("module")) {
                if (taggedFiles.add(s.file())) {
                    tags.addAll(sensitivity.tagsOf(s.file()));
                }
                tags.addAll(sensitivity.tagsOf(s.name()));
            }
        }
        int score = score(dependents.size(), tags.size());
        List<String> top = new ArrayList<>();
        for (CodeGraph.Symbol s : touched.values()) {
            if (!s.kind().equals("module") && top.size() < 5) {
                top.add(s.name());
            }
        }
        return new Risk(score, score >= 60 ? "high" : score >= 30 ? "medium" : "low", repo.getKey(), touched.size(),
                dependents.size(), List.copyOf(top), List.copyOf(tags), (System.nanoTime() - start) / 1e6,
                neighbourhood(touched.values(), dependents), area(repo.getKey(), files, touched.values()),
                touchedFiles(files, touched.values()));
    }

    /** The files the request names, then those of the symbols it names (up to 20), as the graph knows them. */
    static List<String> touchedFiles(Set<String> files, java.util.Collection<CodeGraph.Symbol> touched) {
        Set<String> all = new LinkedHashSet<>(files);
        for (CodeGraph.Symbol s : touched) {
            if (all.size() >= 20) {
                break;
            }
            all.add(s.file());
        }
        return List.copyOf(all).subList(0, Math.min(20, all.size()));
    }

    /** Where in the repository the work is: its name and the top folder of the first file touched. */
    static String area(String repo, Set<String> files, java.util.Collection<CodeGraph.Symbol> touched) {
        String file = !files.isEmpty() ? files.iterator().next()
                : touched.stream().map(CodeGraph.Symbol::file).findFirst().orElse("");
        int slash = file.indexOf('/');
        return repo + ":" + (slash > 0 ? file.substring(0, slash) : file.isEmpty() ? "-" : ".");
    }

    /** Names only, never content: up to 20 touched symbols, then up to 20 of their dependents. */
    static List<String> neighbourhood(java.util.Collection<CodeGraph.Symbol> touched,
                                      List<CodeGraph.Symbol> dependents) {
        List<String> names = new ArrayList<>();
        for (CodeGraph.Symbol s : touched) {
            if (!s.kind().equals("module") && names.size() < 20) {
                names.add(s.name() + " (" + s.file() + ")");
            }
        }
        int used = 0;
        for (CodeGraph.Symbol s : dependents) {
            if (!s.kind().equals("module") && used++ < 20) {
                names.add("used by " + s.name() + " (" + s.file() + ")");
            }
        }
        return List.copyOf(names);
    }

    /** Dependents weigh logarithmically (up to 60); each sensitive area adds 20 (up to 40). */
    static int score(int dependents, int tags) {
        double reach = Math.min(60, 12 * Math.log(1 + dependents) / Math.log(2));
        return (int) Math.min(100, Math.round(reach + Math.min(40, 20 * tags)));
    }

    /** The repository a working directory is in (by path, else by folder name); the only one if there is one. */
    private Map.Entry<String, CodeGraph> repoFor(String workingDirectory) {
        Map<String, CodeGraph> graphs = cortex.graphs();
        if (workingDirectory != null) {
            String folder = workingDirectory.replaceAll("/+$", "");
            folder = folder.substring(folder.lastIndexOf('/') + 1);
            for (Map.Entry<String, CodeGraph> e : graphs.entrySet()) {
                String root = cortex.root(e.getKey());
                if (workingDirectory.equals(root) || e.getKey().equals(folder)
                        || (root != null && root.endsWith("/" + folder))) {
                    return e;
                }
            }
        }
        return graphs.size() == 1 ? graphs.entrySet().iterator().next() : null;
    }

    private static String relative(String path, String workingDirectory) {
        String p = path.replace('\\', '/');
        if (workingDirectory != null) {
            String root = workingDirectory.endsWith("/") ? workingDirectory : workingDirectory + "/";
            if (p.startsWith(root)) {
                return p.substring(root.length());
            }
        }
        return p.replaceFirst("^\\./", "");
    }

    /**
     * Words that look like code: with an inner capital (ChargeService, recordRefund), an underscore
     * (record_refund) or a call's parenthesis after them (total().
     */
    static Set<String> identifiers(String body) {
        Set<String> found = new LinkedHashSet<>();
        int n = body.length();
        int i = 0;
        while (i < n && found.size() < MAX_IDENTIFIERS) {
            char c = body.charAt(i);
            if (!Character.isJavaIdentifierStart(c) || c == '$') {
                i++;
                continue;
            }
            int start = i;
            boolean innerCapital = false;
            boolean underscore = false;
            while (i < n && Character.isJavaIdentifierPart(body.charAt(i))) {
                char d = body.charAt(i);
                if (i > start && Character.isUpperCase(d)) {
                    innerCapital = true;
                }
                if (d == '_' && i > start) {
                    underscore = true;
                }
                i++;
            }
            int length = i - start;
            boolean call = i < n && body.charAt(i) == '(';
            if (length >= 4 && length <= 80 && (innerCapital || underscore || call)) {
                found.add(body.substring(start, i));
            }
        }
        return found;
    }
}
