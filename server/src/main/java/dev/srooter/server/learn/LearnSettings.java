package dev.srooter.server.learn;

/**
 * An admin's settings for learned routes. {@code exploreShare}: the share of decisions that may try a model other
 * than the learner's pick (0 to 0.5); {@code qualityFloor}: the share of the best candidate's estimated success a
 * cheaper pick must keep (0.5 to 1); exploration touches security work and high-risk tasks only when allowed.
 */
public record LearnSettings(boolean enabled, double exploreShare, double qualityFloor, boolean exploreSecurity,
                            boolean exploreHighRisk) {

    public static final LearnSettings DEFAULTS = new LearnSettings(true, 0.1, 0.95, false, false);

    /** Whether exploration may touch a task of this kind: security work and high-risk tasks only when allowed. */
    public boolean mayExplore(boolean security, boolean highRisk) {
        return (!security || exploreSecurity) && (!highRisk || exploreHighRisk);
    }
}
