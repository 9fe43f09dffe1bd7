package dev.srooter.server.providers;

import dev.srooter.api.WireFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which provider serves which model, held in memory for the request path and replaced as a whole
 * whenever providers change, so a lookup never sees half an update.
 */
@ApplicationScoped
public class ModelDirectory {

    private record Snapshot(Map<String, List<Target>> byModel, Map<String, Target> byQualifiedName,
                            List<Target> all) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), List.of());

    public void replace(List<Target> targets) {
        Map<String, List<Target>> byModel = new LinkedHashMap<>();
        Map<String, Target> byQualifiedName = new LinkedHashMap<>();
        for (Target target : targets) {
            byModel.computeIfAbsent(target.modelId(), k -> new ArrayList<>()).add(target);
            byQualifiedName.put(target.qualifiedName(), target);
        }
        snapshot = new Snapshot(Map.copyOf(byModel), Map.copyOf(byQualifiedName), List.copyOf(targets));
    }

    /**
     * The target for a model name as a client wrote it: {@code provider/model} picks a provider;
     * a bare id goes to the first provider that has it, preferring one that speaks the client's format.
     */
    public Optional<Target> resolve(String requested, WireFormat clientFormat) {
        Snapshot current = snapshot;
        Target explicit = current.byQualifiedName().get(requested);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        List<Target> candidates = current.byModel().get(requested);
        if (candidates == null) {
            return Optional.empty();
        }
        return candidates.stream().filter(t -> t.speaks(clientFormat)).findFirst()
                .or(() -> Optional.of(candidates.get(0)));
    }

    public List<Target> all() {
        return snapshot.all();
    }
}
