package dev.srooter.server.learn;

import dev.srooter.server.learn.LearnerSimulation.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's workloads (LearnerSimulation): those looked at while the learner was changed, and each set held
 * out for a change, with when it was written and what it was written for. Data only, apart from the engine that runs
 * it.
 */
final class LearnerWorkloads {

    private LearnerWorkloads() {
    }

    /** The held-out workloads read over many seeds (LearnerSimulationSeeds): O to Z, then AA to AC. */
    static List<Workload> heldOutOverSeeds() {
        List<Workload> all = new ArrayList<>(heldOutLatest());
        all.addAll(heldOutNext());
        all.addAll(heldOutFresh());
        all.addAll(heldOutAfterFresh());
        all.addAll(heldOutDawn());
        return all;
    }

    static List<Workload> workloads() {
        String[] models = {"cheap", "mid", "best"};
        double[] prices = {0.3, 1.5, 5.0};
        double[] mix = {0.4, 0.35, 0.12, 0.13};
        return List.of(
                new Workload("A: cheap suffices for trivial, mid for most substantive", models, prices, new double[][] {
                        {0.93, 0.95, 0.96}, {0.70, 0.90, 0.92}, {0.50, 0.80, 0.90}, {0.45, 0.80, 0.92}}, mix, 0.2,
                        -1, 0, 0, 0),
                new Workload("B: mid is the sweet spot everywhere", models, prices, new double[][] {
                        {0.85, 0.95, 0.95}, {0.60, 0.91, 0.92}, {0.40, 0.88, 0.90}, {0.40, 0.89, 0.90}}, mix, 0.2,
                        -1, 0, 0, 0),
                new Workload("C: only the best will do (nothing to save)", models, prices, new double[][] {
                        {0.70, 0.80, 0.96}, {0.50, 0.70, 0.93}, {0.30, 0.60, 0.90}, {0.30, 0.60, 0.92}}, mix, 0.2,
                        -1, 0, 0, 0),
                new Workload("D: trivial-heavy, prices closer together", models, new double[] {1.0, 2.0, 4.0},
                        new double[][] {{0.94, 0.95, 0.96}, {0.75, 0.89, 0.93}, {0.5, 0.8, 0.9}, {0.5, 0.8, 0.9}},
                        new double[] {0.6, 0.3, 0.05, 0.05}, 0.1, -1, 0, 0, 0),
                new Workload("E: as A, then cheap's trivial success drops to 0.55 at task 20,000", models, prices,
                        new double[][] {{0.93, 0.95, 0.96}, {0.70, 0.90, 0.92}, {0.50, 0.80, 0.90},
                                {0.45, 0.80, 0.92}}, mix, 0.2, 20_000, 0, 0, 0.55),
                // added after E and G showed the learner did not favour their dropping model: a drop in the model it
                // does favour (mid, in B) is what recovery is about
                new Workload("H: as B, then mid's substantive success drops to 0.6 at task 20,000", models, prices,
                        new double[][] {{0.85, 0.95, 0.95}, {0.60, 0.91, 0.92}, {0.40, 0.88, 0.90},
                                {0.40, 0.89, 0.90}}, mix, 0.2, 20_000, 1, 1, 0.6),
                // held out the time before (written before that change, run once after it); looked at since
                new Workload("F (held out last time): four models, a mid model for architecture, more high risk",
                        new String[] {"cheap", "small", "mid", "best"}, new double[] {0.2, 0.8, 2.0, 6.0},
                        new double[][] {{0.90, 0.94, 0.95, 0.96}, {0.60, 0.82, 0.90, 0.93}, {0.35, 0.60, 0.85, 0.90},
                                {0.30, 0.60, 0.86, 0.92}}, new double[] {0.3, 0.45, 0.15, 0.1}, 0.3, -1, 0, 0, 0),
                new Workload("G (held out last time): narrower prices; mid's substantive success drops to 0.6"
                        + " at task 20,000",
                        new String[] {"cheap", "mid", "best"}, new double[] {0.5, 1.0, 3.0},
                        new double[][] {{0.90, 0.93, 0.95}, {0.75, 0.87, 0.90}, {0.55, 0.80, 0.88},
                                {0.50, 0.80, 0.90}}, new double[] {0.5, 0.3, 0.1, 0.1}, 0.2, 20_000, 1, 1, 0.6));
    }

    /**
     * Workloads written on 2026-12-03 before the learner was last changed, committed before it was, and run once it
     * was: the figures to report. A to H were looked at while changing it (F and G were held out the time before).
     * What is new in them: five models, two models, a hundredfold price spread, and high-risk work that is harder.
     */
    static List<Workload> heldOut() {
        return List.of(
                new Workload("I (held out): five models from local to frontier, substantive-heavy, high risk harder",
                        new String[] {"local", "cheap", "small", "mid", "best"},
                        new double[] {0.05, 0.4, 1.2, 3.0, 7.5},
                        new double[][] {{0.85, 0.92, 0.94, 0.95, 0.96}, {0.45, 0.65, 0.82, 0.90, 0.92},
                                {0.20, 0.40, 0.65, 0.84, 0.90}, {0.15, 0.35, 0.60, 0.85, 0.91}},
                        new double[] {0.25, 0.5, 0.13, 0.12}, 0.25, -1, 0, 0, 0, 0.5),
                new Workload("J (held out): two models, cheap close on all but security; its substantive success"
                        + " drops to 0.7 at task 25,000", new String[] {"cheap", "best"}, new double[] {1.0, 4.0},
                        new double[][] {{0.94, 0.95}, {0.86, 0.90}, {0.80, 0.88}, {0.70, 0.90}},
                        new double[] {0.35, 0.4, 0.15, 0.1}, 0.15, 25_000, 0, 1, 0.7, 0.3),
                new Workload("K (held out): a hundredfold price spread, mid good nearly everywhere, a third high-risk"
                        + " and much harder", new String[] {"cheap", "mid", "best"}, new double[] {0.1, 1.0, 10.0},
                        new double[][] {{0.92, 0.95, 0.96}, {0.55, 0.89, 0.93}, {0.30, 0.85, 0.90},
                                {0.30, 0.84, 0.92}}, new double[] {0.3, 0.4, 0.15, 0.15}, 0.35, -1, 0, 0, 0, 1.0));
    }

    /**
     * Workloads written on 2026-12-04 before the learner's exploration was changed, committed before it was, and run
     * once after it (I to K had been run and read by then). New in them: four and six models, two rivals at one price,
     * little security work, and the best model's own quality dropping mid-run (a provider's regression).
     */
    static List<Workload> heldOutLater() {
        return List.of(
                new Workload("L (held out 12-04): four models, architecture-heavy, little security, prices close at"
                        + " the top", new String[] {"cheap", "small", "mid", "best"}, new double[] {0.25, 1.0, 2.5, 4.0},
                        new double[][] {{0.90, 0.94, 0.95, 0.96}, {0.62, 0.84, 0.89, 0.92}, {0.40, 0.70, 0.87, 0.91},
                                {0.35, 0.65, 0.85, 0.93}}, new double[] {0.30, 0.35, 0.28, 0.07}, 0.15, -1, 0, 0, 0,
                        0.2),
                new Workload("M (held out 12-04): mid near the floor; the best's substantive success drops to 0.80 at"
                        + " task 15,000", new String[] {"cheap", "mid", "best"}, new double[] {0.2, 1.2, 4.5},
                        new double[][] {{0.91, 0.94, 0.95}, {0.58, 0.87, 0.92}, {0.35, 0.83, 0.89}, {0.30, 0.82, 0.93}},
                        new double[] {0.45, 0.35, 0.1, 0.1}, 0.2, 15_000, 2, 1, 0.80, 0.4),
                new Workload("N (held out 12-04): six models, two rivals at one price, substantive-heavy, high risk"
                        + " harder", new String[] {"local", "cheap", "rivalA", "rivalB", "mid", "best"},
                        new double[] {0.02, 0.3, 1.0, 1.0, 2.0, 6.0},
                        new double[][] {{0.80, 0.92, 0.94, 0.90, 0.95, 0.96}, {0.40, 0.70, 0.88, 0.80, 0.90, 0.93},
                                {0.20, 0.45, 0.80, 0.75, 0.86, 0.91}, {0.15, 0.40, 0.78, 0.70, 0.86, 0.92}},
                        new double[] {0.2, 0.55, 0.15, 0.1}, 0.25, -1, 0, 0, 0, 0.6));
    }

    /**
     * Workloads written on 2026-12-04 (afternoon) before the learner's quality floor was read on a success scale
     * calibrated by explicit feedback, committed before that change, and run before and once after it. New in them: a
     * middle model just under the floor (where a lenient floor costs success), a free local model, the small model
     * of four whose trivial work regresses, and a cheap model close to the best at a fortieth of its price.
     */
    static List<Workload> heldOutLatest() {
        return List.of(
                new Workload("O (held out 12-04 pm): mid just under the floor for substantive and architecture work",
                        new String[] {"cheap", "mid", "best"}, new double[] {0.4, 1.5, 5.0},
                        new double[][] {{0.90, 0.93, 0.95}, {0.62, 0.86, 0.92}, {0.45, 0.84, 0.89}, {0.40, 0.85, 0.91}},
                        new double[] {0.35, 0.40, 0.15, 0.10}, 0.2, -1, 0, 0, 0, 0.3),
                new Workload("P (held out 12-04 pm): four models from a free local one; small's trivial success drops"
                        + " to 0.70 at task 20,000", new String[] {"local", "small", "mid", "best"},
                        new double[] {0.03, 0.6, 2.2, 5.5},
                        new double[][] {{0.88, 0.93, 0.95, 0.96}, {0.50, 0.87, 0.91, 0.93}, {0.25, 0.72, 0.88, 0.91},
                                {0.20, 0.70, 0.88, 0.93}}, new double[] {0.3, 0.45, 0.15, 0.1}, 0.25, 20_000, 1, 0, 0.70,
                        0.5),
                new Workload("Q (held out 12-04 pm): trivial-heavy, cheap close to the best at a fortieth of its price,"
                        + " high risk much harder", new String[] {"cheap", "mid", "best"},
                        new double[] {0.15, 2.0, 6.0},
                        new double[][] {{0.93, 0.95, 0.97}, {0.80, 0.90, 0.94}, {0.55, 0.88, 0.92}, {0.50, 0.85, 0.93}},
                        new double[] {0.5, 0.3, 0.1, 0.1}, 0.15, -1, 0, 0, 0, 0.8));
    }

    /**
     * Workloads written on 2026-12-04 (evening) before the next change to the learner, committed before it, and to be
     * run once after it. New in them: two models only, a price gap of twenty; a cheap model that gets better mid-run
     * (a model update) and a dearer model worse than a cheaper one; security and architecture as half the work.
     */
    static List<Workload> heldOutNext() {
        return List.of(
                new Workload("R (held out 12-04 eve): two models twenty times apart, cheap keeps the floor on trivial"
                        + " and most substantive work, a third of it high risk", new String[] {"cheap", "best"},
                        new double[] {0.25, 5.0},
                        new double[][] {{0.94, 0.96}, {0.88, 0.92}, {0.70, 0.90}, {0.60, 0.92}},
                        new double[] {0.35, 0.45, 0.1, 0.1}, 0.3, -1, 0, 0, 0, 0.5),
                new Workload("S (held out 12-04 eve): five models, a dearer one worse than a cheaper one; cheap's"
                        + " substantive success rises to 0.90 at task 15,000", new String[] {"cheap", "small", "odd",
                        "mid", "best"}, new double[] {0.2, 0.8, 2.5, 2.0, 5.0},
                        new double[][] {{0.90, 0.93, 0.90, 0.95, 0.96}, {0.72, 0.86, 0.80, 0.90, 0.92},
                                {0.40, 0.70, 0.75, 0.86, 0.90}, {0.35, 0.65, 0.70, 0.85, 0.91}},
                        new double[] {0.35, 0.4, 0.15, 0.1}, 0.2, 15_000, 0, 1, 0.90, 0.3),
                new Workload("T (held out 12-04 eve): security and architecture half the work, four models, mid keeps"
                        + " the floor for architecture", new String[] {"cheap", "small", "mid", "best"},
                        new double[] {0.5, 1.5, 3.0, 6.0},
                        new double[][] {{0.92, 0.94, 0.95, 0.96}, {0.70, 0.84, 0.90, 0.92}, {0.50, 0.75, 0.88, 0.90},
                                {0.45, 0.70, 0.84, 0.93}}, new double[] {0.2, 0.3, 0.25, 0.25}, 0.2, -1, 0, 0, 0,
                        0.4));
    }

    /**
     * Workloads written on 2026-12-04 (late evening, a new session) with no change to the learner planned, to measure
     * the learner as it ships on workloads nobody has tuned on; run once each. New in them: a mid model that keeps the
     * floor on substantive and architecture work but not a cheap one; the cheap model's substantive work regressing
     * mid-run (as a model update can); six models with a dearer near-twin of the best.
     */
    static List<Workload> heldOutFresh() {
        return List.of(
                new Workload("U (held out 12-04 late): three models, the cheap one good only for trivial work, mid keeps"
                        + " the floor on substantive and architecture work", new String[] {"cheap", "mid", "best"},
                        new double[] {0.3, 1.8, 6.0},
                        new double[][] {{0.93, 0.95, 0.96}, {0.78, 0.90, 0.93}, {0.50, 0.87, 0.91}, {0.45, 0.84, 0.92}},
                        new double[] {0.25, 0.5, 0.15, 0.1}, 0.25, -1, 0, 0, 0, 0.5),
                new Workload("V (held out 12-04 late): cheap nearly as good as the best on substantive work until task"
                        + " 25,000, when it drops to 0.75", new String[] {"cheap", "mid", "best"},
                        new double[] {0.2, 2.5, 5.0},
                        new double[][] {{0.95, 0.96, 0.97}, {0.91, 0.92, 0.94}, {0.60, 0.88, 0.92}, {0.50, 0.85, 0.93}},
                        new double[] {0.3, 0.45, 0.15, 0.1}, 0.2, 25_000, 0, 1, 0.75, 0.4),
                new Workload("W (held out 12-04 late): six models from a free local one, a near-twin of the best at"
                        + " seven eighths of its price, trivial-heavy", new String[] {"local", "small", "mid", "alt",
                        "twin", "best"}, new double[] {0.02, 0.4, 1.2, 2.4, 3.5, 4.0},
                        new double[][] {{0.85, 0.94, 0.95, 0.95, 0.96, 0.96}, {0.40, 0.80, 0.92, 0.90, 0.93, 0.94},
                                {0.30, 0.70, 0.86, 0.88, 0.91, 0.92}, {0.20, 0.65, 0.85, 0.86, 0.92, 0.93}},
                        new double[] {0.45, 0.35, 0.12, 0.08}, 0.15, -1, 0, 0, 0, 0.3));
    }

    /**
     * Workloads written on 2026-12-04 (late evening, after U, V and W were run) before any change to the learner that
     * they measure, committed before it, and to be run once after it. New in them: two models whose substantive gap sits
     * near the floor (as R's does); a mid model whose architecture work improves mid-run; risk-heavy work with a fifth of
     * it security.
     */
    static List<Workload> heldOutAfterFresh() {
        return List.of(
                new Workload("X (held out 12-04 late): two models, the cheap one 96% as good as the best on substantive"
                        + " work and a thirtieth of its price", new String[] {"cheap", "best"},
                        new double[] {0.2, 6.0},
                        new double[][] {{0.95, 0.97}, {0.87, 0.905}, {0.65, 0.90}, {0.55, 0.92}},
                        new double[] {0.3, 0.5, 0.1, 0.1}, 0.25, -1, 0, 0, 0, 0.4),
                new Workload("Y (held out 12-04 late): four models; mid's architecture success rises to 0.90 at task"
                        + " 18,000", new String[] {"cheap", "small", "mid", "best"},
                        new double[] {0.1, 0.7, 2.0, 5.0},
                        new double[][] {{0.90, 0.94, 0.95, 0.96}, {0.60, 0.86, 0.91, 0.93}, {0.35, 0.70, 0.80, 0.92},
                                {0.30, 0.60, 0.86, 0.93}}, new double[] {0.3, 0.4, 0.2, 0.1}, 0.2, 18_000, 2, 2, 0.90,
                        0.4),
                new Workload("Z (held out 12-04 late): risk-heavy, two fifths high risk and a fifth security, three"
                        + " models", new String[] {"cheap", "mid", "best"}, new double[] {0.3, 2.0, 5.0},
                        new double[][] {{0.93, 0.95, 0.96}, {0.75, 0.90, 0.93}, {0.55, 0.86, 0.91}, {0.45, 0.84, 0.93}},
                        new double[] {0.3, 0.35, 0.15, 0.2}, 0.4, -1, 0, 0, 0, 0.5));
    }

    /**
     * Workloads written on 2026-12-05 (a new session) before the change to the learner that they measure, committed
     * before it, and to be run once after it (O to Z had all been run and read by then). New in them: a local model at
     * the floor's edge on trivial work; the best model's substantive work regressing mid-run; three models whose
     * middle one keeps the floor on substantive work by a point, with architecture work under it.
     */
    static List<Workload> heldOutDawn() {
        return List.of(
                new Workload("AA (held out 12-05): three models, mid 96.5% of the best on substantive work, cheap 97%"
                        + " on trivial, architecture only the best's", new String[] {"cheap", "mid", "best"},
                        new double[] {0.25, 1.6, 5.5},
                        new double[][] {{0.93, 0.95, 0.96}, {0.70, 0.89, 0.922}, {0.45, 0.80, 0.91},
                                {0.40, 0.82, 0.93}}, new double[] {0.3, 0.45, 0.15, 0.1}, 0.25, -1, 0, 0, 0, 0.4),
                new Workload("AB (held out 12-05): four models from a free local one at 96% of the best on trivial;"
                        + " the best's substantive success drops to 0.84 at task 22,000", new String[] {"local",
                        "small", "mid", "best"}, new double[] {0.02, 0.5, 1.8, 6.0},
                        new double[][] {{0.92, 0.94, 0.95, 0.96}, {0.55, 0.84, 0.89, 0.93}, {0.30, 0.66, 0.86, 0.91},
                                {0.25, 0.60, 0.85, 0.92}}, new double[] {0.4, 0.35, 0.15, 0.1}, 0.2, 22_000, 3, 1,
                        0.84, 0.5),
                new Workload("AC (held out 12-05): two models fifteen times apart, cheap 96.5% of the best on"
                        + " substantive work and 93% on architecture, high risk much harder", new String[] {"cheap",
                        "best"}, new double[] {0.4, 6.0},
                        new double[][] {{0.95, 0.97}, {0.88, 0.912}, {0.85, 0.914}, {0.60, 0.92}},
                        new double[] {0.25, 0.5, 0.15, 0.1}, 0.3, -1, 0, 0, 0, 0.6));
    }
}
