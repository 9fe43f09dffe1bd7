package dev.srooter.server.learn;

/**
 * What is known of one model in one context: the weighted outcomes seen ({@code reward} of {@code weight}), older
 * ones fading by {@link #FADE} at each new one so that a model whose quality changes is noticed, and the decisions
 * made for it with their total cost.
 */
public record Arm(double reward, double weight, long decisions, double costUsd) {

    /** Each new outcome keeps this much of the evidence before it: about the last two hundred outcomes count. */
    public static final double FADE = 0.999;

    public static final Arm NONE = new Arm(0, 0, 0, 0);

    /** With one more outcome: the same arithmetic as the database's update (LearnedStore.observe). */
    public Arm observe(double reward, double weight) {
        return new Arm(this.reward * FADE + reward * weight, this.weight * FADE + weight, decisions, costUsd);
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
