package dev.srooter.server.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * What is known of one model in one context: the tasks heard from ({@code weight}, one each) and their scores summed
 * ({@code reward}), older tasks fading by {@link #FADE} at each new one so that a model whose quality changes is
 * noticed, and the decisions made for it with their total cost.
 *
 * <p>A task counts once, however many signals it draws: its score is the weighted mean of its signals' outcomes
 * ({@link #score}), revised as more arrive. Counted signal by signal, a failed task, which draws more signals (a
 * retry, an abort, tool errors) than a good one (it is built on), weighed half as much again as a good task: two
 * models 93% and 90% successful came out 4.3% apart instead of 3.2%, so the quality floor, read on that stretched
 * scale, turned away models that kept it (docs/routing.md, "Learned routes").
 */
public record Arm(double reward, double weight, long decisions, double costUsd) {

    /** Each new task keeps this much of the evidence before it: the last thousand or so tasks count. */
    public static final double FADE = 0.999;

    public static final Arm NONE = new Arm(0, 0, 0, 0);

    /** With one more outcome: the same arithmetic as the database's update (LearnedStore.observe). */
    public Arm observe(double reward, double weight) {
        return new Arm(this.reward * FADE + reward * weight, this.weight * FADE + weight, decisions, costUsd);
    }

    /**
     * With {@code signal} heard about a task that had drawn {@code before} until now: its first signal adds the task
     * (the arms before it fading), a later one revises the task's score in place. The same arithmetic as the
     * database's update (LearnedStore.heard).
     */
    public Arm heard(List<Signal> before, Signal signal) {
        return before.isEmpty() ? observe(score(List.of(signal)), 1)
                : new Arm(reward + revision(before, signal), weight, decisions, costUsd);
    }

    /** What a later signal changes in its task's score. */
    static double revision(List<Signal> before, Signal signal) {
        List<Signal> after = new ArrayList<>(before);
        after.add(signal);
        return score(after) - score(before);
    }

    /** A task's score: the weighted mean of its signals' outcomes (0 to 1). */
    public static double score(List<Signal> signals) {
        double reward = 0;
        double weight = 0;
        for (Signal s : signals) {
            reward += s.reward * s.weight;
            weight += s.weight;
        }
        return weight > 0 ? reward / weight : 0;
    }

    public Arm decided() {
        return new Arm(reward, weight, decisions + 1, costUsd);
    }

    public Arm cost(double usd) {
        return new Arm(reward, weight, decisions, costUsd + usd);
    }

    /** The mean cost of a decision, or NaN before three were costed. */
    public double meanCost() {
        return decisions >= 3 ? costUsd / decisions : Double.NaN;
    }
}
