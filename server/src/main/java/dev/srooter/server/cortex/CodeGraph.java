package dev.srooter.server.cortex;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One repository's graph in memory, for the request path: files with their facts, definitions by name, and
 * who refers to each name. Names are resolved as tools like ctags do, by their simple name within the
 * repository. Files are replaced one at a time (a re-index of a changed file touches only its own entries);
 * readers see a consistent snapshot of each file.
 */
public final class CodeGraph {

    /** A definition where it lives. */
    public record Symbol(String name, String kind, String file, int line) {
        String key() {
            return file + "#" + name + "#" + line;
        }
    }

    /** A reference from one definition to a name. */
    public record Use(String file, String from, String to, String kind, int line) {
    }

    private final Map<String, CodeFacts> files = new ConcurrentHashMap<>();
    private volatile Map<String, List<Symbol>> byName = Map.of();
    private volatile Map<String, List<Use>> usesOf = Map.of();
    /** Per file, its definitions by name (the first of a name): a use's enclosing symbol in one lookup. */
    private volatile Map<String, Map<String, Symbol>> definitionsIn = Map.of();

    public synchronized void put(CodeFacts facts) {
        files.put(facts.path(), facts);
        rebuild();
    }

    public synchronized void putAll(Collection<CodeFacts> all) {
        all.forEach(f -> files.put(f.path(), f));
        rebuild();
    }

    public synchronized void remove(String path) {
        if (files.remove(path) != null) {
            rebuild();
        }
    }

    /** The name indexes are rebuilt from the files' facts (tens of ms for a large repository). */
    private void rebuild() {
        Map<String, List<Symbol>> names = new HashMap<>();
        Map<String, List<Use>> uses = new HashMap<>();
        Map<String, Map<String, Symbol>> definitions = new HashMap<>();
        for (CodeFacts f : files.values()) {
            Map<String, Symbol> inFile = new HashMap<>();
            for (CodeFacts.Definition d : f.definitions()) {
                Symbol symbol = new Symbol(d.name(), d.kind(), f.path(), d.line());
                names.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(symbol);
                inFile.putIfAbsent(d.name(), symbol);
            }
            definitions.put(f.path(), inFile);
            for (CodeFacts.Reference r : f.references()) {
                uses.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(new Use(f.path(), r.from(), r.to(), r.kind(),
                        r.line()));
            }
        }
        byName = names;
        usesOf = uses;
        definitionsIn = definitions;
    }

    public Map<String, CodeFacts> files() {
        return files;
    }

    public int symbolCount() {
        return files.values().stream().mapToInt(f -> f.definitions().size()).sum();
    }

    public int edgeCount() {
        return files.values().stream().mapToInt(f -> f.references().size()).sum();
    }

    public long lineCount() {
        return files.values().stream().mapToLong(CodeFacts::lines).sum();
    }

    public List<Symbol> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Symbols whose name contains {@code query} (case-insensitive), exact matches first. */
    public List<Symbol> search(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT);
        List<Symbol> found = new ArrayList<>();
        for (Map.Entry<String, List<Symbol>> e : byName.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).contains(q)) {
                found.addAll(e.getValue());
            }
        }
        found.sort(Comparator.comparing((Symbol s) -> !s.name().equalsIgnoreCase(query))
                .thenComparing(s -> s.name().length()).thenComparing(Symbol::file).thenComparingInt(Symbol::line));
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** The uses of a symbol's name: who calls, imports, extends or types it. */
    public List<Use> usesOf(Symbol symbol) {
        List<Use> uses = usesOf.getOrDefault(symbol.name(), List.of());
        if (symbol.kind().equals("module")) {
            return uses.stream().filter(u -> u.kind().equals("import")).toList();
        }
        return java.util.Collections.unmodifiableList(uses);
    }

    /** What a symbol refers to, resolved to definitions where the repository has them. */
    public List<Symbol> dependencies(Symbol symbol) {
        CodeFacts facts = files.get(symbol.file());
        if (facts == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<Symbol> out = new ArrayList<>();
        for (CodeFacts.Reference r : facts.references()) {
            if (r.from().equals(symbol.name()) || symbol.kind().equals("module")) {
                for (Symbol target : named(r.to())) {
                    if (seen.add(target.key())) {
                        out.add(target);
                    }
                }
            }
        }
        return out;
    }

    /** The definitions that use a symbol (the enclosing definition of each use). */
    public List<Symbol> dependents(Symbol symbol) {
        List<Symbol> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Map<String, Symbol>> definitions = definitionsIn;
        for (Use use : usesOf(symbol)) {
            Map<String, Symbol> inFile = definitions.get(use.file());
            Symbol s = inFile == null ? null : inFile.get(use.from());
            if (s != null && seen.add(s.key())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Everything that depends on the given symbols, transitively, up to {@code limit} symbols: the blast radius.
     * Returned in the order reached (closest first), without the starting symbols.
     */
    public List<Symbol> transitiveDependents(Collection<Symbol> start, int limit) {
        Map<String, Symbol> reached = new LinkedHashMap<>();
        Set<String> starting = new HashSet<>();
        Deque<Symbol> queue = new ArrayDeque<>(start);
        start.forEach(s -> starting.add(s.key()));
        while (!queue.isEmpty() && reached.size() < limit) {
            Symbol next = queue.poll();
            for (Symbol dependent : dependents(next)) {
                if (!starting.contains(dependent.key()) && reached.putIfAbsent(dependent.key(), dependent) == null) {
                    queue.add(dependent);
                    if (reached.size() >= limit) {
                        break;
                    }
                }
            }
        }
        return new ArrayList<>(reached.values());
    }
}
