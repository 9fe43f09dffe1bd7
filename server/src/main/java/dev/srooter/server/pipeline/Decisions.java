package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.cortex.BlastRadius;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions made about one request, in the order they were made. Only ever appended to. The texts below are
 * what both renderings (headers and audit) show, so the two can never tell different stories.
 */
public final class Decisions {

    private final List<Decision> made = new ArrayList<>(8);

    public void add(Decision decision) {
        made.add(decision);
    }

    /** The texts of the decisions of a type, joined; null when there is none (a plain loop: this runs per request). */
    private <T extends Decision> String joined(Class<T> type, java.util.function.Function<T, String> text,
                                              String separator) {
        StringBuilder out = null;
        for (Decision d : made) {
            if (type.isInstance(d)) {
                String said = text.apply(type.cast(d));
                if (said == null) {
                    continue; // a decision with nothing to say here
                }
                if (out == null) {
                    out = new StringBuilder();
                } else {
                    out.append(separator);
                }
                out.append(said);
            }
        }
        return out == null ? null : out.toString();
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

    /** Why the task is under review: the intent whose rule asked for it, or {@code risk}; null when it is not. */
    public String councilTrigger() {
        return last(Decision.CouncilFlagged.class).map(Decision.CouncilFlagged::trigger).orElse(null);
    }

    /** The council's members when the request is flagged for one. */
    public Optional<List<String>> council() {
        return last(Decision.CouncilFlagged.class).map(Decision.CouncilFlagged::members);
    }

    /**
     * Whether a council can sit on this request: flagged for one, with the members a review needs
     * ({@link Decision.CouncilFlagged#sits}). A flagged request with fewer neither holds nor keeps its answer.
     */
    public boolean councilSits() {
        return last(Decision.CouncilFlagged.class).map(Decision.CouncilFlagged::sits).orElse(false);
    }

    /** The files a cross-agent context note named, "; "-separated; null when none was added. */
    public String contextNotes() {
        return last(Decision.ContextNoted.class).map(Decision.ContextNoted::summary).orElse(null);
    }

    /** The learned rule's choice, when one chose the model. */
    public Optional<Decision.LearnedRouted> learned() {
        return last(Decision.LearnedRouted.class);
    }

    /** The task and turn, or empty when the request is no turn of a task. */
    public Optional<Decision.Tasked> task() {
        return last(Decision.Tasked.class);
    }

    /** Every routing decision in order, {@code "; "} between them; {@code direct} when nothing moved the request. */
    public String route() {
        String route = joined(Decision.Routing.class, Decision.Routing::route, "; ");
        return route == null ? "direct" : route;
    }

    /** What policies and budgets did other than let the request pass, or null. */
    public String policies() {
        return joined(Decision.Governing.class, Decision.Governing::note, "; ");
    }

    /** The skills applied (each once, in prompt order) and any that refused or failed, or null. */
    public String skills() {
        Set<String> names = null;
        for (Decision d : made) {
            if (d instanceof Decision.SkillApplied skill) {
                if (names == null) {
                    names = new LinkedHashSet<>();
                }
                names.add(skill.toString());
            }
        }
        return names == null ? null : String.join(", ", names);
    }

    /** Every candidate model tried or skipped, in order, or null when none was. */
    public String attempts() {
        return joined(Decision.Attempted.class, Decision.Attempted::toString, ", ");
    }

    public int attemptCount() {
        int count = 0;
        for (Decision d : made) {
            if (d instanceof Decision.Attempted) {
                count++;
            }
        }
        return count;
    }
}
