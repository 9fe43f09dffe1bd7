package dev.srooter.server.learn;

/**
 * What srooter learns a task turn's outcome from, each with the outcome it stands for ({@code reward}: 1 success,
 * 0 failure) and how much it is believed ({@code weight}: a person's word counts most, a hint least). Documented in
 * docs/routing.md; the weights are judgement, not fitted to anything. None of them keeps prompt content.
 */
public enum Signal {

    /** Someone (a person, a CI hook) said the task succeeded: {@code POST /api/feedback}. */
    SUCCESS(1.0, 1.0),
    /** Someone said it failed. */
    FAILURE(0.0, 1.0),
    /** The conversation went on to a new ask: the answer was good enough to build on (a weak hint). */
    CONTINUED(1.0, 0.3),
    /** The same ask came again, or reworded, within ten minutes: the answer did not do. */
    RETRIED(0.0, 0.7),
    /** The client went away before the answer was complete. */
    ABORTED(0.0, 0.5),
    /** A tool result after the answer reports an error (counted up to three times a task). */
    TOOL_ERROR(0.0, 0.15),
    /** The council approved the turn. */
    COUNCIL_APPROVE(1.0, 0.5),
    /** The council raised concerns. */
    COUNCIL_CONCERNS(0.4, 0.5),
    /** The council rejected it. */
    COUNCIL_REJECT(0.0, 1.0),
    /** The chosen model failed and a fallback served: the choice did not hold. */
    FALLBACK(0.0, 0.5),
    /** The developer moved the conversation to a dearer model by hand. */
    ESCALATED(0.0, 0.8);

    public final double reward;
    public final double weight;

    Signal(double reward, double weight) {
        this.reward = reward;
        this.weight = weight;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
