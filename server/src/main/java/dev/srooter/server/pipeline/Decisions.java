package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.cortex.BlastRadius;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The decisions made about one request, in the order they were made. Only ever appended to. The texts below are
 * what both renderings (headers and audit) show, so the two can never tell different stories.
 */
public final class Decisions {

    private final List<Decision> made = new ArrayList<>(8);

    public void add(Decision decision) {
        made.add(decision);
    }

    public List<Decision> all() {
        return Collections.unmodifiableList(made);
    }

    public <T extends Decision> Stream<T> of(Class<T> type) {
        return made.stream().filter(type::isInstance).map(type::cast);
    }

    public <T extends Decision> Optional<T> last(Class<T> type) {
        for (int i = made.size() - 1; i >= 0; i--) {
            if (type.isInstance(made.get(i))) {
                return Optional.of(type.cast(made.get(i)));
            }
        }
        return Optional.empty();
    }

    public Optional<Decision.Classified> classified() {
        return last(Decision.Classified.class);
    }

    /** The classifier's answer, or null when none ran. */
    public Classification classification() {
        return classified().map(Decision.Classified::classification).orElse(null);
    }

    /** The intent in lower case, or null when no classifier ran. */
    public String intent() {
        return classified().map(Decision.Classified::intent).orElse(null);
    }

    /** The blast radius, or null when Cortex knows nothing of what the request touches. */
    public BlastRadius.Risk risk() {
        return last(Decision.Gauged.class).map(Decision.Gauged::risk).orElse(null);
    }

    /** The council's members when the request is flagged for one. */
    public Optional<List<String>> council() {
        return last(Decision.CouncilFlagged.class).map(Decision.CouncilFlagged::members);
    }

    /** Every routing decision in order, {@code "; "} between them; {@code direct} when nothing moved the request. */
    public String route() {
        String route = of(Decision.Routing.class).map(Decision.Routing::route).collect(Collectors.joining("; "));
        return route.isEmpty() ? "direct" : route;
    }

    /** What policies and budgets did other than let the request pass, or null. */
    public String policies() {
        return joined(of(Decision.Governing.class).map(Decision.Governing::note), "; ");
    }

    /** The skills applied (each once, in prompt order) and any that refused or failed, or null. */
    public String skills() {
        Set<String> names = new LinkedHashSet<>();
        of(Decision.SkillApplied.class).forEach(s -> names.add(s.toString()));
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** Every candidate model tried or skipped, in order, or null when none was. */
    public String attempts() {
        return joined(of(Decision.Attempted.class).map(Decision.Attempted::toString), ", ");
    }

    public long attemptCount() {
        return of(Decision.Attempted.class).count();
    }

    private static String joined(Stream<String> parts, String separator) {
        String joined = parts.collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }
}
