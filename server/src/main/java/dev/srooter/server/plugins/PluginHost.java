package dev.srooter.server.plugins;

import dev.srooter.api.AuditSink;
import dev.srooter.api.IntentClassifier;
import dev.srooter.api.Policy;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderPreset;
import dev.srooter.api.ProviderPresets;
import dev.srooter.api.Skill;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Loads the PF4J plugins and hands out their extensions. Plugins come from two folders: the ones shipped with
 * the server ({@code SROOTER_PLUGINS_DIR}) and the ones admins uploaded ({@code <data>/plugins}), where an
 * uploaded plugin replaces a shipped one of the same id.
 *
 * <p>Every change (upload, enable, disable, reload, remove) loads a whole new {@link Generation} beside the
 * current one and swaps it in at once: the next request uses the new generation, while requests already under
 * way hold a {@link Lease} on theirs and finish on it. A retired generation is unloaded (its class loaders
 * closed) only when its last lease ends.
 */
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    /** What the admin API shows of a plugin. */
    public record PluginInfo(String id, String version, String state, String description, String provider,
                             String source, List<String> extensions) {
    }

    /** A plugin refused by an admin action; its message is for the admin. */
    public static final class PluginProblem extends RuntimeException {
        public final int status;

        public PluginProblem(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private Path shippedDir;
    private Path uploadedDir;
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private volatile Generation current = Generation.EMPTY;

    /** Loads the first generation. {@code disabledIds}: the plugins an admin disabled before this start. */
    public synchronized void start(Path shippedDir, Path uploadedDir, Set<String> disabledIds) {
        this.shippedDir = shippedDir;
        this.uploadedDir = uploadedDir;
        this.disabled.addAll(disabledIds);
        if (!Files.isDirectory(shippedDir)) {
            LOG.warning("srooter: plugins folder " + shippedDir + " does not exist; no provider can be added");
        }
        swap();
    }

    // ---- what requests use

    /** The current generation, held until the lease is closed; call at the start of a request. */
    public Lease lease() {
        while (true) {
            Generation generation = current;
            if (generation.acquire()) {
                return new Lease(generation);
            }
            // retired between the read and the acquire: the next read sees its successor
        }
    }

    public Optional<Provider> provider(String kind) {
        return current.provider(kind);
    }

    public Optional<IntentClassifier> classifier(String name) {
        return Optional.ofNullable(current.classifiers.get(name));
    }

    public List<String> classifierNames() {
        return current.classifiers.keySet().stream().sorted().toList();
    }

    public List<String> providerKinds() {
        return current.providers.keySet().stream().sorted().toList();
    }

    public List<Policy> policies() {
        return current.policies;
    }

    public Map<String, AuditSink> auditSinks() {
        return current.sinks;
    }

    public List<Skill> skills() {
        return current.skills;
    }

    /** Which generation is current: rises by one with every change. */
    public int generation() {
        return current.number;
    }

    // ---- what admins do

    public List<PluginInfo> plugins() {
        Generation generation = current;
        Map<String, PluginInfo> all = new TreeMap<>();
        for (PluginWrapper plugin : generation.manager == null ? List.<PluginWrapper>of()
                : generation.manager.getPlugins()) {
            all.put(plugin.getPluginId(), info(plugin, generation));
        }
        for (Candidate candidate : candidates()) {
            if (disabled.contains(candidate.id)) {
                all.put(candidate.id, new PluginInfo(candidate.id, candidate.version, "DISABLED",
                        candidate.description, candidate.provider, candidate.source, List.of()));
            }
        }
        return List.copyOf(all.values());
    }

    /**
     * Installs an uploaded plugin jar (replacing an uploaded one of the same id) and swaps it in. The jar is
     * checked first: a manifest with {@code Plugin-Id} and {@code Plugin-Version}, and loadable by PF4J.
     */
    public synchronized PluginInfo install(InputStream jar) throws IOException {
        Files.createDirectories(uploadedDir);
        Path incoming = Files.createTempFile(uploadedDir, "upload-", ".part");
        try {
            Files.copy(jar, incoming, StandardCopyOption.REPLACE_EXISTING);
            Candidate candidate = Candidate.read(incoming, "uploaded")
                    .orElseThrow(() -> new PluginProblem(400, "not a srooter plugin: the upload is not a jar whose "
                            + "manifest names Plugin-Id and Plugin-Version"));
            if (!candidate.id.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new PluginProblem(400, "plugin id '" + candidate.id + "' must be letters, digits, '.', '_' or '-'");
            }
            Path target = uploadedDir.resolve(candidate.id + ".jar");
            Files.move(incoming, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            disabled.remove(candidate.id);
            swap();
            return plugins().stream().filter(p -> p.id().equals(candidate.id)).findFirst().orElseThrow();
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    public synchronized void enable(String id) {
        requireKnown(id);
        disabled.remove(id);
        swap();
    }

    public synchronized void disable(String id) {
        requireKnown(id);
        disabled.add(id);
        swap();
    }

    /** Loads every plugin afresh from its jar (new class loaders), e.g. after a jar was replaced on disk. */
    public synchronized void reload(String id) {
        requireKnown(id);
        swap();
    }

    /** Deletes an uploaded plugin; a shipped plugin of the same id, if any, serves again. */
    public synchronized void remove(String id) throws IOException {
        requireKnown(id);
        Path uploaded = uploadedDir.resolve(id + ".jar");
        if (!Files.exists(uploaded)) {
            throw new PluginProblem(409, "plugin '" + id + "' was shipped with the server and cannot be removed; "
                    + "disable it instead");
        }
        Files.delete(uploaded);
        disabled.remove(id);
        swap();
    }

    public Set<String> disabledIds() {
        return Set.copyOf(disabled);
    }

    /** Where uploaded jars are kept on this node. */
    public Path uploadedDir() {
        return uploadedDir;
    }

    /**
     * Brings this node in line with a change made on another: the disabled plugins as stored, and a new generation
     * when they or the uploaded jars ({@code jarsChanged}) differ from what this node runs.
     */
    public synchronized boolean apply(Set<String> disabledIds, boolean jarsChanged) {
        if (!jarsChanged && disabled.equals(disabledIds)) {
            return false;
        }
        disabled.clear();
        disabled.addAll(disabledIds);
        swap();
        return true;
    }

    private void requireKnown(String id) {
        if (candidates().stream().noneMatch(c -> c.id.equals(id))) {
            throw new PluginProblem(404, "no plugin with id '" + id + "'");
        }
    }

    // ---- generations

    /** The plugin jars to load: shipped ones, replaced by uploaded ones of the same id. */
    private List<Candidate> candidates() {
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Candidate c : scan(shippedDir, "shipped")) {
            byId.put(c.id, c);
        }
        for (Candidate c : scan(uploadedDir, "uploaded")) {
            byId.put(c.id, c);
        }
        return List.copyOf(byId.values());
    }

    private static List<Candidate> scan(Path dir, String source) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted()
                    .flatMap(f -> Candidate.read(f, source).stream()).toList();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "srooter: cannot list plugins in " + dir, e);
            return List.of();
        }
    }

    /** Loads a new generation of every enabled plugin and makes it current; the old one retires. */
    private void swap() {
        Generation next = load(current.number + 1);
        Generation old = current;
        current = next;
        old.retire();
        LOG.info("srooter: plugins generation " + next.number + ": " + next.manager.getPlugins().stream()
                .map(p -> p.getPluginId() + "@" + p.getDescriptor().getVersion()).toList() + "; provider kinds "
                + next.providers.keySet() + "; classifiers " + next.classifiers.keySet() + "; policies "
                + next.policies.stream().map(Policy::name).toList() + "; audit sinks " + next.sinks.keySet() + "; skills "
                + next.skills.stream().map(Skill::name).toList());
    }

    private Generation load(int number) {
        PluginManager manager = new DefaultPluginManager(shippedDir);
        Map<String, String> sources = new TreeMap<>();
        for (Candidate candidate : candidates()) {
            if (disabled.contains(candidate.id)) {
                continue;
            }
            try {
                manager.loadPlugin(candidate.path);
                sources.put(candidate.id, candidate.source);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "srooter: plugin " + candidate.path + " could not be loaded", e);
            }
        }
        manager.startPlugins();
        Map<String, Provider> kinds = new TreeMap<>(extensions(manager, Provider.class).stream()
                .collect(Collectors.toMap(Provider::kind, Function.identity(), (a, b) -> a)));
        for (ProviderPresets source : extensions(manager, ProviderPresets.class)) {
            for (ProviderPreset preset : source.presets()) {
                Provider base = kinds.get(preset.baseKind());
                if (base == null) {
                    LOG.warning("srooter: preset " + preset.kind() + " needs provider kind " + preset.baseKind()
                            + ", which no plugin offers");
                } else {
                    kinds.putIfAbsent(preset.kind(), new PresetProvider(preset, base));
                }
            }
        }
        Map<String, IntentClassifier> classifiers = extensions(manager, IntentClassifier.class).stream()
                .collect(Collectors.toUnmodifiableMap(IntentClassifier::name, Function.identity(), (a, b) -> a));
        List<Policy> policies = extensions(manager, Policy.class).stream()
                .sorted(Comparator.comparingInt(Policy::order).thenComparing(Policy::name)).toList();
        Map<String, AuditSink> sinks = extensions(manager, AuditSink.class).stream()
                .collect(Collectors.toUnmodifiableMap(AuditSink::name, Function.identity(), (a, b) -> a));
        List<Skill> skills = extensions(manager, Skill.class).stream().sorted(Comparator.comparing(Skill::name))
                .toList();
        return new Generation(number, manager, Map.copyOf(kinds), classifiers, policies, sinks, skills,
                Map.copyOf(sources));
    }

    /**
     * The extensions of the loaded plugins only. PF4J would also offer any extension listed on the server's own
     * class path, which is not a plugin: it could be neither disabled nor replaced.
     */
    private static <T> List<T> extensions(PluginManager manager, Class<T> type) {
        return manager.getStartedPlugins().stream().flatMap(p -> manager.getExtensions(type, p.getPluginId()).stream())
                .toList();
    }

    private static PluginInfo info(PluginWrapper plugin, Generation generation) {
        var descriptor = plugin.getDescriptor();
        String source = generation.sources.getOrDefault(plugin.getPluginId(), "shipped");
        List<String> extensions = generation.manager.getExtensionClassNames(plugin.getPluginId()).stream()
                .map(name -> name.substring(name.lastIndexOf('.') + 1)).sorted().toList();
        return new PluginInfo(plugin.getPluginId(), descriptor.getVersion(), plugin.getPluginState().toString(),
                descriptor.getPluginDescription(), descriptor.getProvider(), source, extensions);
    }

    @PreDestroy
    void stop() {
        current.retire();
    }

    /** A request's hold on a generation; closing it may unload a retired generation. */
    public static final class Lease implements AutoCloseable {
        private final Generation generation;
        private boolean closed;

        Lease(Generation generation) {
            this.generation = generation;
        }

        public List<Policy> policies() {
            return generation.policies;
        }

        public Map<String, AuditSink> auditSinks() {
            return generation.sinks;
        }

        public List<Skill> skills() {
            return generation.skills;
        }

        public int generation() {
            return generation.number;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                generation.release();
            }
        }
    }

    /** A plugin jar found on disk, with what its manifest says. */
    private record Candidate(String id, String version, String description, String provider, Path path,
                             String source) {
        static Optional<Candidate> read(Path jar, String source) {
            try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                Manifest manifest = in.getManifest();
                if (manifest == null) {
                    return Optional.empty();
                }
                var attributes = manifest.getMainAttributes();
                String id = attributes.getValue("Plugin-Id");
                String version = attributes.getValue("Plugin-Version");
                if (id == null || id.isBlank() || version == null || version.isBlank()) {
                    return Optional.empty();
                }
                return Optional.of(new Candidate(id.trim(), version.trim(), attributes.getValue("Plugin-Description"),
                        attributes.getValue("Plugin-Provider"), jar, source));
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * One loaded set of plugins and their extensions. Counts the requests using it; once retired, the last one
     * to finish unloads it.
     */
    static final class Generation {
        static final Generation EMPTY = new Generation(0, null, Map.of(), Map.of(), List.of(), Map.of(), List.of(),
                Map.of());

        final int number;
        final PluginManager manager;
        final Map<String, Provider> providers;
        final Map<String, IntentClassifier> classifiers;
        final List<Policy> policies;
        final Map<String, AuditSink> sinks;
        final List<Skill> skills;
        /** Plugin id to "shipped" or "uploaded". */
        final Map<String, String> sources;
        /** Leases held, plus one while current; 0 means unloaded. */
        private final java.util.concurrent.atomic.AtomicInteger holds = new java.util.concurrent.atomic.AtomicInteger(1);

        Generation(int number, PluginManager manager, Map<String, Provider> providers,
                   Map<String, IntentClassifier> classifiers, List<Policy> policies, Map<String, AuditSink> sinks,
                   List<Skill> skills, Map<String, String> sources) {
            this.skills = skills;
            this.sources = sources;
            this.number = number;
            this.manager = manager;
            this.providers = providers;
            this.classifiers = classifiers;
            this.policies = policies;
            this.sinks = sinks;
        }

        Optional<Provider> provider(String kind) {
            return Optional.ofNullable(providers.get(kind));
        }

        boolean acquire() {
            while (true) {
                int now = holds.get();
                if (now == 0) {
                    return false;
                }
                if (holds.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (holds.decrementAndGet() == 0) {
                unload();
            }
        }

        /** No longer current: drops the current-hold, so the last lease unloads it. */
        void retire() {
            release();
        }

        private void unload() {
            if (manager == null) {
                return;
            }
            for (AuditSink sink : sinks.values()) {
                try {
                    sink.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "srooter: audit sink " + sink.name() + " failed to close", e);
                }
            }
            // unloadPlugins, not stopPlugins: the latter throws ConcurrentModificationException in pf4j 3.15.
            manager.unloadPlugins();
            LOG.info("srooter: plugins generation " + number + " unloaded");
        }
    }
}
