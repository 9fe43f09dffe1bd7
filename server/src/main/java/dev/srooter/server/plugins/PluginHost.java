package dev.srooter.server.plugins;

import dev.srooter.api.IntentClassifier;
import dev.srooter.api.Provider;
import dev.srooter.api.ProviderPreset;
import dev.srooter.api.ProviderPresets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** Loads the PF4J plugins from the plugins folder and hands out their extensions. */
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    /** What the admin API shows of a plugin. */
    public record PluginInfo(String id, String version, String state, String description, String provider) {
    }

    private PluginManager manager;
    private volatile Map<String, Provider> providersByKind = Map.of();
    private volatile Map<String, IntentClassifier> classifiersByName = Map.of();

    public void start(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            LOG.warning("srooter: plugins folder " + pluginsDir + " does not exist; no provider can be added");
        }
        manager = new DefaultPluginManager(pluginsDir);
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, Provider> kinds = new java.util.TreeMap<>(manager.getExtensions(Provider.class).stream()
                .collect(Collectors.toMap(Provider::kind, Function.identity(), (a, b) -> a)));
        for (ProviderPresets source : manager.getExtensions(ProviderPresets.class)) {
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
        providersByKind = Map.copyOf(kinds);
        classifiersByName = manager.getExtensions(IntentClassifier.class).stream()
                .collect(Collectors.toUnmodifiableMap(IntentClassifier::name, Function.identity(), (a, b) -> a));
        LOG.info("srooter: loaded plugins " + plugins().stream().map(p -> p.id() + "@" + p.version()).toList()
                + " from " + pluginsDir + "; provider kinds " + providersByKind.keySet() + "; classifiers "
                + classifiersByName.keySet());
    }

    public Optional<Provider> provider(String kind) {
        return Optional.ofNullable(providersByKind.get(kind));
    }

    public Optional<IntentClassifier> classifier(String name) {
        return Optional.ofNullable(classifiersByName.get(name));
    }

    public List<String> classifierNames() {
        return classifiersByName.keySet().stream().sorted().toList();
    }

    public List<String> providerKinds() {
        return providersByKind.keySet().stream().sorted().toList();
    }

    public List<PluginInfo> plugins() {
        return manager.getPlugins().stream().map(PluginHost::info).toList();
    }

    private static PluginInfo info(PluginWrapper plugin) {
        var descriptor = plugin.getDescriptor();
        return new PluginInfo(plugin.getPluginId(), descriptor.getVersion(), plugin.getPluginState().toString(),
                descriptor.getPluginDescription(), descriptor.getProvider());
    }

    @PreDestroy
    void stop() {
        if (manager != null) {
            // unloadPlugins, not stopPlugins: the latter throws ConcurrentModificationException in pf4j 3.15.
            manager.unloadPlugins();
        }
    }
}
