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
                            List<Target> all, List<Alias> aliases) {
    }

    /** An alias as the request path matches it; exact names before wildcards, longer patterns first. */
    public record Alias(String pattern, String target) {
        boolean matches(String requested) {
            if (!pattern.contains("*")) {
                return pattern.equals(requested);
            }
            String[] pieces = pattern.split("\\*", -1);
            if (!requested.startsWith(pieces[0])) {
                return false;
            }
            int at = pieces[0].length();
            for (int i = 1; i < pieces.length - 1; i++) {
                int found = requested.indexOf(pieces[i], at);
                if (found < 0) {
                    return false;
                }
                at = found + pieces[i].length();
            }
            String last = pieces[pieces.length - 1];
            return requested.length() - at >= last.length() && requested.endsWith(last);
        }
    }

    /** A resolved model name: the target, and the alias that led there (null when the name was direct). */
    public record Resolution(Target target, Alias alias) {
    }

    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), List.of(), List.of());

    public void replace(List<Target> targets, List<Alias> aliases) {
        Map<String, List<Target>> byModel = new LinkedHashMap<>();
        Map<String, Target> byQualifiedName = new LinkedHashMap<>();
        for (Target target : targets) {
            byModel.computeIfAbsent(target.modelId(), k -> new ArrayList<>()).add(target);
            byQualifiedName.put(target.qualifiedName(), target);
        }
        List<Alias> ordered = new ArrayList<>(aliases);
        ordered.sort(java.util.Comparator.comparing((Alias a) -> a.pattern().contains("*"))
                .thenComparing(a -> -a.pattern().length()));
        snapshot = new Snapshot(Map.copyOf(byModel), Map.copyOf(byQualifiedName), List.copyOf(targets),
                List.copyOf(ordered));
    }

    /**
     * Like {@link #resolve(String, WireFormat)}, and when no provider offers the name, the first alias that
     * matches it, followed once (an alias never leads to another alias).
     */
    public Optional<Resolution> resolveWithAliases(String requested, WireFormat clientFormat) {
        Optional<Target> direct = resolve(requested, clientFormat);
        if (direct.isPresent()) {
            return Optional.of(new Resolution(direct.get(), null));
        }
        for (Alias alias : snapshot.aliases()) {
            if (alias.matches(requested)) {
                return resolve(alias.target(), clientFormat).map(t -> new Resolution(t, alias));
            }
        }
        return Optional.empty();
    }

    public List<Alias> aliases() {
        return snapshot.aliases();
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
        return candidates.stream().filter(t -> clientFormat == null || t.speaks(clientFormat)).findFirst()
                .or(() -> Optional.of(candidates.get(0)));
    }

    public List<Target> all() {
        return snapshot.all();
    }
}
