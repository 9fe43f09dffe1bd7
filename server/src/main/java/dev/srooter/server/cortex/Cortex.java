package dev.srooter.server.cortex;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The org's code as a live graph: repositories registered by path are indexed with tree-sitter into symbols and
 * edges (kept in memory for the request path and in the database), and watched, so a changed file is read again
 * on its own within moments of being saved. A git hook or CI can also name changed files
 * ({@code POST /api/cortex/repos/{name}/reindex}).
 */
@ApplicationScoped
public class Cortex {

    private static final Logger LOG = Logger.getLogger(Cortex.class.getName());
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "build", "dist", "vendor",
            ".venv", "venv", "__pycache__", ".idea", "out", ".gradle", ".mvn");
    private static final long MAX_FILE_BYTES = 1_000_000;
    /** How long the watcher lets changes gather before reading them (an editor's save is several events). */
    private static final long SETTLE_MILLIS = 150;

    /** What an index run did. */
    public record IndexRun(String repo, int filesRead, int filesRemoved, long millis) {
    }

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    CortexStore store;

    private final Map<String, CodeGraph> graphs = new ConcurrentHashMap<>();
    private final Map<String, Path> roots = new ConcurrentHashMap<>();
    private final Map<String, WatchService> watchers = new ConcurrentHashMap<>();
    private final Map<String, IndexRun> lastRuns = new ConcurrentHashMap<>();

    /** The last index run of a repository (the full one on registration, or the latest re-index). */
    public Optional<IndexRun> lastRun(String repo) {
        return Optional.ofNullable(lastRuns.get(repo));
    }

    /** Indexes every registered repository again and watches them; on start, off the startup thread. */
    public void start() {
        Thread loader = threads.newThread(() -> {
            for (CortexStore.Repo repo : store.repos()) {
                try {
                    open(repo.name(), Path.of(repo.path()));
                } catch (RuntimeException | IOException e) {
                    LOG.log(Level.WARNING, "srooter: cortex could not index " + repo.name() + " at " + repo.path(), e);
                }
            }
        });
        loader.setName("srooter-cortex-loader");
        loader.start();
    }

    public synchronized IndexRun register(String name, Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no folder at " + path + " on this server");
        }
        if (roots.containsKey(name) || store.repos().stream().anyMatch(r -> r.name().equals(name))) {
            throw new IllegalStateException("a repository named '" + name + "' is registered");
        }
        store.addRepo(name, path.toString());
        return open(name, path);
    }

    /**
     * Brings this node in line with the repositories registered in the database (by an admin on another node):
     * opens those it does not have where their folder exists here too, closes those removed.
     */
    public synchronized void sync() {
        List<CortexStore.Repo> registered = store.repos();
        for (CortexStore.Repo repo : registered) {
            if (!roots.containsKey(repo.name()) && Files.isDirectory(Path.of(repo.path()))) {
                try {
                    open(repo.name(), Path.of(repo.path()));
                } catch (RuntimeException | IOException e) {
                    LOG.log(Level.WARNING, "srooter: cortex could not index " + repo.name() + " at " + repo.path(), e);
                }
            }
        }
        for (String name : List.copyOf(roots.keySet())) {
            if (registered.stream().noneMatch(r -> r.name().equals(name))) {
                close(name);
            }
        }
    }

    public synchronized void unregister(String name) {
        close(name);
        store.removeRepo(name);
    }

    private void close(String name) {
        WatchService watcher = watchers.remove(name);
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        graphs.remove(name);
        roots.remove(name);
        lastRuns.remove(name);
    }

    public Optional<CodeGraph> graph(String repo) {
        return Optional.ofNullable(graphs.get(repo));
    }

    public Map<String, CodeGraph> graphs() {
        return graphs;
    }

    /** A repository's folder on the server, or null. */
    public String root(String repo) {
        Path root = roots.get(repo);
        return root == null ? null : root.toString();
    }

    private IndexRun open(String name, Path root) throws IOException {
        long start = System.nanoTime();
        Path real = root.toRealPath();
        List<Path> sources = sources(real);
        List<CodeFacts> facts = new ArrayList<>(sources.size());
        for (Path file : sources) {
            read(real, file).ifPresent(facts::add);
        }
        CodeGraph graph = new CodeGraph();
        graph.putAll(facts);
        store.replaceAll(name, facts);
        graphs.put(name, graph);
        roots.put(name, real);
        watch(name, real);
        IndexRun run = new IndexRun(name, facts.size(), 0, (System.nanoTime() - start) / 1_000_000);
        lastRuns.put(name, run);
        LOG.info("srooter: cortex indexed " + name + ": " + facts.size() + " files, " + graph.symbolCount()
                + " symbols, " + graph.edgeCount() + " edges in " + run.millis() + " ms");
        return run;
    }

    /**
     * Reads changed files again (paths relative to the repository, or all files when none are named): new and
     * changed files are parsed, deleted ones forgotten, unchanged ones (same digest) left alone.
     */
    public IndexRun reindex(String name, List<String> paths) throws IOException {
        Path root = roots.get(name);
        CodeGraph graph = graphs.get(name);
        if (root == null || graph == null) {
            throw new IllegalArgumentException("no repository named '" + name + "'");
        }
        long start = System.nanoTime();
        Set<String> candidates = new LinkedHashSet<>();
        if (paths == null || paths.isEmpty()) {
            sources(root).forEach(p -> candidates.add(relative(root, p)));
            candidates.addAll(graph.files().keySet());
        } else {
            paths.forEach(p -> candidates.add(p.replace('\\', '/').replaceFirst("^\\./", "")));
        }
        List<CodeFacts> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String path : candidates) {
            Path file = root.resolve(path).normalize();
            if (!file.startsWith(root)) {
                continue; // outside the repository
            }
            if (!Files.isRegularFile(file)) {
                if (graph.files().containsKey(path)) {
                    removed.add(path);
                }
                continue;
            }
            Optional<CodeFacts> facts = read(root, file);
            if (facts.isPresent()) {
                CodeFacts old = graph.files().get(path);
                if (old == null || !old.sha256().equals(facts.get().sha256())) {
                    changed.add(facts.get());
                }
            }
        }
        if (!changed.isEmpty() || !removed.isEmpty()) {
            store.save(name, changed, removed);
            synchronized (graph) {
                removed.forEach(graph::remove);
                graph.putAll(changed);
            }
        }
        IndexRun run = new IndexRun(name, changed.size(), removed.size(), (System.nanoTime() - start) / 1_000_000);
        if (!changed.isEmpty() || !removed.isEmpty()) {
            lastRuns.put(name, run);
        }
        return run;
    }

    private static Optional<CodeFacts> read(Path root, Path file) {
        Optional<Language> language = Language.of(file.getFileName().toString());
        if (language.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(FileParser.parse(relative(root, file), language.get(), text));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "srooter: cortex skipped " + file, e);
            return Optional.empty();
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static List<Path> sources(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && SKIPPED.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Language.of(file.getFileName().toString()).isPresent()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    // ---- watching

    private void watch(String name, Path root) throws IOException {
        WatchService old = watchers.remove(name);
        if (old != null) {
            old.close();
        }
        WatchService watcher = FileSystems.getDefault().newWatchService();
        Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
        registerTree(watcher, keys, root);
        watchers.put(name, watcher);
        Thread thread = threads.newThread(() -> watchLoop(name, root, watcher, keys));
        thread.setName("srooter-cortex-watch-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void registerTree(WatchService watcher, Map<WatchKey, Path> keys, Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(dir) && SKIPPED.contains(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                keys.put(d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE), d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void watchLoop(String name, Path root, WatchService watcher, Map<WatchKey, Path> keys) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Set<String> changed = new LinkedHashSet<>();
                long until = System.currentTimeMillis() + SETTLE_MILLIS;
                while (key != null) {
                    Path dir = keys.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (dir == null || event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            changed.clear();
                            changed.add("*");
                            continue;
                        }
                        Path path = dir.resolve((Path) event.context());
                        if (Files.isDirectory(path) && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                            if (!SKIPPED.contains(path.getFileName().toString())) {
                                registerTree(watcher, keys, path);
                                sources(path).forEach(f -> changed.add(relative(root, f))); // files that came with it
                            }
                        } else if (Language.of(path.getFileName().toString()).isPresent()) {
                            changed.add(relative(root, path));
                        }
                    }
                    key.reset();
                    long wait = until - System.currentTimeMillis();
                    key = wait > 0 ? watcher.poll(wait, TimeUnit.MILLISECONDS) : watcher.poll();
                }
                if (!changed.isEmpty()) {
                    reindex(name, changed.contains("*") ? List.of() : List.copyOf(changed));
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException stopped) {
            // unregistered or stopping
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "srooter: cortex stopped watching " + name, e);
        }
    }

    @PreDestroy
    void stop() {
        for (WatchService watcher : watchers.values()) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // stopping
            }
        }
    }
}
