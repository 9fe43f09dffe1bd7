package dev.srooter.server.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses a model for one context among the candidates an admin allowed: the most success per dollar among those
 * whose estimated success keeps {@code qualityFloor} of the best candidate's; and now and then (a bounded share) the
 * least-known candidate, to learn what it can do. Plain arithmetic over {@link Arm}s, no
 * I/O: the gateway and the simulator (LearnerSimulation) run this same code.
 *
 * <p>Estimates: a model's success in a context starts from its success across the intent (the coarse context,
 * worth {@link #PRIOR} tasks) and moves with what the context itself has seen (each task once, {@link Arm}). Costs
 * are the mean seen per decision, else the intent's, else a costed candidate's scaled by the two prices, else an
 * assumption from the price.
 */
public final class Learner {

    /** How many tasks the intent-wide estimate is worth in a context that has seen none. */
    static final double PRIOR = 4;
    /** The tasks a context must have heard about of a model before the learner chooses it there. */
    static final double MIN_EVIDENCE = 5;
    /** How many standard errors above its estimate a candidate may be for exploration to try it. */
    static final double OPTIMISM = 2;
    /** The part of exploration that may try any cheaper candidate, whatever its estimate: to see one that improved. */
    static final double REVISIT = 0.1;
    /**
     * How many standard errors (of the difference between the two estimates) under the floor a cheaper candidate's
     * estimate may be and still count as keeping it, and the most that may come to, as a share of the best's
     * estimate: a cheaper model is turned away when the evidence says it misses the floor, not whenever noise does.
     */
    static final double LENIENCE = 1;
    static final double MOST_LENIENCE = 0.015;

    /** One candidate as the learner sees it, for the choice and for {@code GET /api/routing/learned}. */
    public record Estimate(String model, double success, double costUsd, double outcomes, long decisions) {
    }

    /** What was chosen, whether to explore, why, and every candidate's estimate. */
    public record Choice(String model, boolean explored, String why, List<Estimate> estimates) {
    }

    private Learner() {
    }

    public static List<Estimate> estimates(List<Candidate> candidates, Map<String, Arm> context,
                                           Map<String, Arm> intent) {
        int count = candidates.size();
        Arm[] fine = new Arm[count];
        Arm[] coarse = new Arm[count];
        double[] seen = new double[count];
        // A candidate never costed is priced from one that was, by their prices' ratio: what tasks cost here (their
        // length, their caching) is the same for both, and an assumption in absolute dollars could be ten times off
        // and make a cheap model look dearer than a costed expensive one.
        double usdPerUnitPrice = Double.NaN;
        for (int i = 0; i < count; i++) {
            Candidate c = candidates.get(i);
            fine[i] = context.getOrDefault(c.model(), Arm.NONE);
            coarse[i] = intent.getOrDefault(c.model(), Arm.NONE);
            seen[i] = !Double.isNaN(fine[i].meanCost()) ? fine[i].meanCost() : coarse[i].meanCost();
            if (!Double.isNaN(seen[i]) && !Double.isNaN(c.unitPrice()) && c.unitPrice() > 0
                    && Double.isNaN(usdPerUnitPrice)) {
                usdPerUnitPrice = seen[i] / c.unitPrice();
            }
        }
        List<Estimate> estimates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Candidate c = candidates.get(i);
            double prior = (coarse[i].reward() + 1) / (coarse[i].weight() + 2);
            double success = (fine[i].reward() + PRIOR * prior) / (fine[i].weight() + PRIOR);
            double cost = !Double.isNaN(seen[i]) ? seen[i]
                    : !Double.isNaN(usdPerUnitPrice) && !Double.isNaN(c.unitPrice()) ? usdPerUnitPrice * c.unitPrice()
                    : c.assumedCost();
            estimates.add(new Estimate(c.model(), success, Math.max(cost, 1e-9), fine[i].weight(),
                    fine[i].decisions()));
        }
        return estimates;
    }

    /**
     * The choice for a decision. {@code pinned}: the admin's pin for this context, or null; {@code mayExplore}:
     * false for work exploration must not touch (security, high risk, unless allowed).
     */
    public static Choice choose(List<Candidate> candidates, Map<String, Arm> context, Map<String, Arm> intent,
                                LearnSettings settings, String pinned, boolean mayExplore, Random random) {
        List<Estimate> estimates = estimates(candidates, context, intent);
        if (pinned != null && estimates.stream().anyMatch(e -> e.model().equals(pinned))) {
            return new Choice(pinned, false, "pinned by an admin", estimates);
        }
        // Only what this context has seen enough of may be chosen, and the catalogue's best always: a model known
        // only from other contexts of the intent is tried by exploration first, never straight away.
        int standing = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (Candidate.BY_STANDING.compare(candidates.get(i), candidates.get(standing)) > 0) {
                standing = i;
            }
        }
        boolean[] eligible = new boolean[estimates.size()];
        int best = standing;
        for (int i = 0; i < estimates.size(); i++) {
            eligible[i] = i == standing || estimates.get(i).outcomes() >= MIN_EVIDENCE;
            if (eligible[i] && estimates.get(i).success() > estimates.get(best).success() + 1e-9) {
                best = i;
            }
        }
        // Not a cautious bound on the estimates: the signals are noisy enough that a margin of even a quarter of a
        // standard error kept contexts on the best model long after a cheaper one was shown to keep the floor (the
        // simulator's workloads kept 98% of the best's success against a floor of 95%, at a quarter less saving).
        // Nor the estimates alone: a cheaper model a point over the floor fell under it by noise a third of the time
        // and stayed there while the learner served the best. So a cheaper candidate keeps the floor until the
        // evidence says it misses it (LENIENCE, capped by MOST_LENIENCE); what protects quality is the floor, the
        // evidence a candidate needs before it is chosen, and the fade that lets a model's drop show. (A longer
        // memory, FADE 0.9995, saved no more across the workloads and seeds and took twice as long to notice a
        // drop: not taken.)
        double floor = settings.qualityFloor() * estimates.get(best).success();
        double bestError = settings.qualityFloor() * standardError(estimates.get(best));
        int pick = best;
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            double lenience = Math.min(LENIENCE * Math.hypot(standardError(e), bestError),
                    MOST_LENIENCE * estimates.get(best).success());
            if (eligible[i] && i != best && e.success() >= floor - lenience && e.success() / e.costUsd()
                    > estimates.get(pick).success() / estimates.get(pick).costUsd()) {
                pick = i;
            }
        }
        Estimate chosen = estimates.get(pick);
        String why = pick == best ? "the best estimated success (" + percent(chosen.success()) + ")"
                : "most success per dollar at " + percent(chosen.success()) + ", within " + percent(
                settings.qualityFloor()) + " of the best (" + percent(estimates.get(best).success()) + ")"
                + (chosen.success() < floor ? " within the estimates' error" : "");
        if (mayExplore && estimates.size() > 1 && random.nextDouble() < settings.exploreShare()) {
            int explore = worthExploring(estimates, eligible, pick, floor, random);
            if (explore >= 0) {
                return new Choice(estimates.get(explore).model(), true, "exploring: the least-known candidate that"
                        + " could do better than " + chosen.model() + " (" + Math.round(
                        estimates.get(explore).outcomes() * 10) / 10.0 + " tasks heard from)", estimates);
            }
        }
        return new Choice(chosen.model(), false, why, estimates);
    }

    /**
     * The least-known candidate that could still beat the pick: one that, at the optimistic end of its estimate
     * ({@link #OPTIMISM} standard errors up), would keep the floor and give more success per dollar than the pick. A
     * candidate dearer per success than the pick even at its best, or one that cannot reach the floor, is not worth a
     * task: trying the frontier model on one task in twenty where a model a fifteenth of its price serves cost more
     * than the learning saved. A share of the exploration ({@link #REVISIT}) goes to the least-known candidate cheaper
     * than the pick whatever its estimate, so that a cheap model that has improved is seen again. -1: nothing worth
     * exploring now (the share is a bound, not a quota).
     */
    static int worthExploring(List<Estimate> estimates, boolean[] eligible, int pick, double floor, Random random) {
        Estimate chosen = estimates.get(pick);
        boolean anyCheaper = random.nextDouble() < REVISIT;
        int least = -1;
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            if (i == pick) {
                continue;
            }
            double upper = Math.min(1, e.success() + OPTIMISM * standardError(e));
            boolean couldBeat = upper >= floor && upper / e.costUsd() > chosen.success() / chosen.costUsd();
            boolean cheaper = e.costUsd() < chosen.costUsd();
            if ((couldBeat || !eligible[i] && cheaper || anyCheaper && cheaper)
                    && (least < 0 || e.outcomes() < estimates.get(least).outcomes())) {
                least = i;
            }
        }
        return least;
    }

    /** The standard error of a candidate's estimated success, counting the prior's tasks as evidence. */
    static double standardError(Estimate e) {
        return Math.sqrt(e.success() * (1 - e.success()) / (e.outcomes() + PRIOR));
    }

    /** With learning off: the catalogue's best candidate (rank, then price), chosen without looking at outcomes. */
    public static Choice standing(List<Candidate> candidates) {
        Candidate best = candidates.stream().max(Candidate.BY_STANDING).orElseThrow();
        return new Choice(best.model(), false, "learning is off: the catalogue's best candidate", List.of());
    }

    private static String percent(double share) {
        return Math.round(share * 1000) / 10.0 + "%";
    }
}
