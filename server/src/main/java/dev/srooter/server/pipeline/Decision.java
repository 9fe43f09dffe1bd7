package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.cortex.BlastRadius;
import java.util.List;
import java.util.Locale;

/**
 * One thing srooter decided about a request, as a typed value. Stages append decisions to the exchange in the
 * order they make them and never change one already made; the response headers and the audit record are two
 * renderings of that one list ({@link DecisionHeaders}, {@link RecordAudit}).
 */
public sealed interface Decision {

    /** A decision that chose which model serves: rendered, in order, as the route. */
    sealed interface Routing extends Decision {
        String route();
    }

    /** A decision of governance (a policy, a budget) other than a plain allow: rendered as the policies. */
    sealed interface Governing extends Decision {
        String note();
    }

    /** The name asked for matched an alias, which names the model. */
    record Aliased(String pattern, String model) implements Routing {
        public String route() {
            return "alias " + pattern;
        }
    }

    /** The agent task the request is a turn of (0: its human turn). */
    record Tasked(String task, int turn) implements Decision {
    }

    /** A follow-up stays on the model that serves its task. */
    record TaskKept(String model) implements Routing {
        public String route() {
            return "task -> " + model;
        }
    }

    /** The admin's task guard acted on a task past its turns or spend: {@code warn}, {@code downgrade} or {@code stop}. */
    record TaskGuarded(String action, String why) implements Governing {
        public String note() {
            return "task-guard: " + action + "; " + why;
        }
    }

    /** The task guard moved a task down its model's chain. */
    record GuardStepped(String model) implements Routing {
        public String route() {
            return "task-guard -> " + model;
        }
    }

    /** What the request is for, from the classifier. */
    record Classified(Classification classification, String classifier) implements Decision {
        public String intent() {
            return classification.intent().name().toLowerCase(Locale.ROOT);
        }
    }

    /** The change's blast radius in Cortex's graph. */
    record Gauged(BlastRadius.Risk risk) implements Decision {
    }

    /** The routing rule for the request's intent sent it to a model. */
    /**
     * A learned rule chose the model ({@code learned-route trivial -> haiku}); {@code explored} when it tried a
     * less-known candidate; {@code context} is what it learns in; {@code why} is the learner's reason.
     */
    record LearnedRouted(String intent, String model, String qualifiedName, boolean explored, String context,
                         String why) implements Routing {
        public String route() {
            return "learned-route " + intent + " -> " + model + (explored ? " (exploring)" : "");
        }
    }

    record RuleRouted(String intent, String model) implements Routing {
        public String route() {
            return intent + " -> " + model;
        }
    }

    /** Risk moved the request to a model, or kept it where it was ({@code moved} false). */
    record RiskRouted(String level, String model, boolean moved) implements Routing {
        public String route() {
            return "risk " + level + (moved ? " -> " : ": kept ") + model;
        }
    }

    /** A rule would have sent work that shows signs of security to a cheaper model: it stays on the one asked for. */
    record SecurityKept(String model) implements Routing {
        public String route() {
            return "security signal: kept " + model;
        }
    }

    /**
     * The task is under review by the council: {@code trigger} is the intent whose rule asked for it, or
     * {@code risk}. In the route only when a council can sit (two members or more): {@code council : security}.
     */
    record CouncilFlagged(List<String> members, String trigger) implements Routing {
        public String route() {
            return sits() ? "council : " + trigger : null;
        }

        /** Whether a council can sit: two members or more. With fewer nothing is held, kept or reviewed. */
        public boolean sits() {
            return members != null && members.size() >= 2;
        }
    }

    /** Cross-agent context: a note of other agents' recent changes to these files was added to the request. */
    record ContextNoted(List<String> files) implements Decision {
        public String summary() {
            return String.join("; ", files);
        }
    }

    /** The council's note on the session's last reviewed turn was added to this request. */
    record CouncilNoted(String reviewId) implements Decision {
    }

    /** A policy rewrote or refused the request. */
    record PolicyApplied(String policy, String detail) implements Governing {
        public String note() {
            return policy + ": " + detail;
        }
    }

    /** A budget moved the request down its model's chain ({@code from} to {@code to}). */
    record BudgetStep(String budgetId, boolean exhausted, String from, String to) implements Routing, Governing {
        public String route() {
            return "budget -> " + to;
        }

        public String note() {
            return "budget: " + budgetId + (exhausted ? " spent; " : " nearly spent; ") + from + " -> " + to;
        }
    }

    /** A budget said something about the request without moving it (served over a cap, refused at a hard stop). */
    record BudgetNote(String budgetId, String detail) implements Governing {
        public String note() {
            return "budget: " + budgetId + " " + detail;
        }
    }

    /** A skill was applied to the request, or refused it, or failed on it. */
    record SkillApplied(String name, Outcome outcome) implements Decision {
        public enum Outcome { APPLIED, REFUSED, FAILED }

        @Override
        public String toString() {
            return outcome == Outcome.APPLIED ? name : name + " (" + outcome.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /**
     * One candidate model of the attempt chain: sent the request ({@code status} its answer, 0 when none came),
     * or skipped by a check before it was sent ({@code status} 0, {@code reason} the check's).
     */
    record Attempted(String model, int status, double latencyMs, String reason) implements Decision {
        @Override
        public String toString() {
            return model + " " + (status == 0 ? "-" : String.valueOf(status)) + " " + Math.round(latencyMs) + "ms"
                    + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /** The first candidate could not serve, and the next of its chain was tried. */
    record FellBack(String model) implements Routing {
        public String route() {
            return "fallback -> " + model;
        }
    }

    /** srooter answered itself with an estimate (count_tokens for a model whose provider cannot count). */
    record Estimated() implements Routing {
        public String route() {
            return "estimate";
        }
    }
}
