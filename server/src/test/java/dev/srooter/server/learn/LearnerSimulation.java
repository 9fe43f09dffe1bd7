package dev.srooter.server.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Drives the real {@link Learner} with simulated agent tasks. Each model has a hidden success rate per context and
 * a cost per task (with noise); what the learner hears is what the gateway would: signals that are noisy (a failed
 * answer is sometimes built on anyway, a good one sometimes reworded), partial (most tasks get no explicit
 * feedback) and late (arriving up to hundreds of tasks afterwards). Prints cumulative cost and true success of
 * learned routes against srooter's static default rules (trivial work to the cheapest model, the rest to the model
 * asked for, the best) and against always the best model, and how fast the learner recovers when a model's
 * quality drops mid-run. Run: {@code java ... dev.srooter.server.learn.LearnerSimulation [tasks] [seed]}.
 */
public final class LearnerSimulation {

    static final String[] INTENTS = {"trivial", "substantive", "architecture", "security"};
    static final String[] RISKS = {"low", "high"};
    /** srooter's defaults, but with exploration allowed on security work and high-risk tasks. */
    static final LearnSettings ALL_EXPLORED = new LearnSettings(true, LearnSettings.DEFAULTS.exploreShare(),
            LearnSettings.DEFAULTS.qualityFloor(), true, true);

    /**
     * A workload: the models (cheapest first, best last), their prices, hidden success rates and the mix of work.
     * {@code highRiskHarder}: how much harder a high-risk task is than a low-risk one of its intent (0: the same; 1: a
     * model's chance of failing it doubles), so that what a model does on low-risk work does not carry over for free.
     */
    record Workload(String name, String[] models, double[] costPerTask, double[][] success, double[] intentMix,
                    double highRiskShare, int dropAt, int dropModel, int dropIntent, double droppedTo,
                    double highRiskHarder) {

        Workload(String name, String[] models, double[] costPerTask, double[][] success, double[] intentMix,
                 double highRiskShare, int dropAt, int dropModel, int dropIntent, double droppedTo) {
            this(name, models, costPerTask, success, intentMix, highRiskShare, dropAt, dropModel, dropIntent,
                    droppedTo, 0);
        }

        /** The hidden chance that model {@code m} succeeds at a task of this intent and risk at task {@code t}. */
        double chance(int intent, boolean highRisk, int m, int t) {
            double p = dropAt > 0 && t >= dropAt && m == dropModel && intent == dropIntent ? droppedTo
                    : success[intent][m];
            return highRisk ? Math.max(0, p - highRiskHarder * (1 - p)) : p;
        }
    }

    /** {@code shareBeforeDrop}: the dropping model's share of its context just before; -1: never recovered. */
    record Result(double cost, double success, long tasks, double shareBeforeDrop, int recoveredAfter) {
    }

    static final Map<String, Integer> PICKS = new java.util.TreeMap<>();
    /** SIM_TRACE: the learned run's choices per context and model, printed for each eighth of the run. */
    static final Map<String, Integer> TRACE = new java.util.TreeMap<>();

    private LearnerSimulation() {
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

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        System.out.println("Learned routes, simulated: " + tasks + " tasks per run, seed " + seed + ", settings "
                + LearnSettings.DEFAULTS);
        String set = args.length > 2 ? args[2] : "";
        for (Workload w : set.equals("--held-out") ? heldOut() : set.equals("--held-out-later") ? heldOutLater()
                : set.equals("--held-out-latest") ? heldOutLatest() : set.equals("--held-out-next") ? heldOutNext()
                : set.equals("--held-out-fresh") ? heldOutFresh() : set.equals("--held-out-after-fresh")
                ? heldOutAfterFresh() : workloads()) {
            System.out.println();
            System.out.println("Workload " + w.name());
            Result best = run(w, tasks, seed, "best", true);
            System.out.printf(Locale.ROOT, "  %-26s cost %10.0f  success %.4f%n", "always-best", best.cost(),
                    best.success());
            Result learned = null;
            for (String policy : new String[] {"static", "oracle", "oracle within the defaults", "learned",
                    "learned, all explored"}) {
                Result r = run(w, tasks, seed, policy, policy.equals("learned"));
                learned = policy.equals("learned") ? r : learned;
                System.out.printf(Locale.ROOT, "  %-26s cost %10.0f  success %.4f  (cost %+.1f%%, success %.1f%% of"
                        + " always-best)%n", policy, r.cost(), r.success(), 100 * (r.cost() / best.cost() - 1),
                        100 * r.success() / best.success());
            }
            if (System.getenv("SIM_DEBUG") != null) {
                System.out.println("  picks in the second half: " + PICKS);
                PICKS.clear();
            }
            if (w.dropAt() > 0) {
                System.out.printf(Locale.ROOT, "  the drop: %s served %.0f%% of low-risk %s tasks before it; under 20%%"
                        + " of the last 200 after %d more tasks of that context%n", w.models()[w.dropModel()],
                        100 * learned.shareBeforeDrop(), INTENTS[w.dropIntent()], learned.recoveredAfter());
            }
        }
    }

    /** A signal on its way to the learner: it lands at task {@code at}. */
    private record Pending(int at, String context, String intent, String model, Signal signal, List<Signal> task) {
    }

    static Result run(Workload w, int tasks, long seed, String policy, boolean print) {
        Random world = new Random(seed);
        Random choices = new Random(seed * 31 + 1);
        Map<String, Map<String, Arm>> arms = new HashMap<>();
        PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> Integer.compare(a.at(), b.at()));
        List<Candidate> candidates = new ArrayList<>();
        for (int m = 0; m < w.models().length; m++) {
            candidates.add(new Candidate(w.models()[m], w.costPerTask()[m] * 50, m));
        }
        double cost = 0;
        double successes = 0;
        int dropContextTasks = 0;
        boolean[] recent = new boolean[200];
        int recentCount = 0;
        double shareBeforeDrop = 0;
        int recoveredAfter = -1;
        int window = tasks / 8;
        double windowCost = 0;
        double windowSuccess = 0;
        for (int t = 0; t < tasks; t++) {
            while (!pending.isEmpty() && pending.peek().at() <= t) {
                Pending p = pending.poll();
                List<Signal> before = List.copyOf(p.task());
                heard(arms, p.context(), p.model(), before, p.signal());
                heard(arms, p.intent(), p.model(), before, p.signal());
                p.task().add(p.signal());
            }
            int intent = pick(world, w.intentMix());
            boolean highRisk = world.nextDouble() < w.highRiskShare();
            String context = INTENTS[intent] + "|" + (highRisk ? "high" : "low");
            String model;
            switch (policy) {
                case "best" -> model = w.models()[w.models().length - 1];
                case "static" -> model = intent == 0 && !highRisk ? w.models()[0] : w.models()[w.models().length - 1];
                case "oracle" -> model = w.models()[oracle(w, intent, highRisk, t)];
                // the same, but never leaving the best where srooter's defaults do not explore: their ceiling
                case "oracle within the defaults" -> model = w.models()[LearnSettings.DEFAULTS.mayExplore(intent == 3,
                        highRisk) ? oracle(w, intent, highRisk, t) : w.models().length - 1];
                default -> {
                    // "learned": srooter's defaults, which never explore security work or high-risk tasks;
                    // "learned, all explored": an admin who allows both
                    LearnSettings settings = policy.equals("learned, all explored") ? ALL_EXPLORED
                            : LearnSettings.DEFAULTS;
                    model = Learner.choose(candidates, arms.getOrDefault(context, Map.of()),
                            arms.getOrDefault(INTENTS[intent], Map.of()), settings, null,
                            settings.mayExplore(intent == 3, highRisk), choices).model();
                }
            }
            int m = index(w.models(), model);
            if (System.getenv("SIM_DEBUG") != null && policy.equals(System.getenv("SIM_DEBUG")) && t >= tasks / 2) {
                PICKS.merge(context + " " + model, 1, Integer::sum);
            }
            if (System.getenv("SIM_TRACE") != null && policy.equals("learned")) {
                TRACE.merge(context + " " + model, 1, Integer::sum);
            }
            double p = w.chance(intent, highRisk, m, t);
            if (w.dropAt() > 0 && intent == w.dropIntent() && !highRisk) {
                // the share of the last 200 tasks of that context given to the model whose quality drops
                recent[recentCount++ % recent.length] = m == w.dropModel();
                int share = 0;
                for (int i = 0; i < Math.min(recentCount, recent.length); i++) {
                    share += recent[i] ? 1 : 0;
                }
                double now = share / (double) Math.min(recentCount, recent.length);
                if (t < w.dropAt()) {
                    shareBeforeDrop = now;
                } else if (recoveredAfter < 0) {
                    dropContextTasks++;
                    if (now < 0.2) {
                        recoveredAfter = dropContextTasks;
                    }
                }
            }
            boolean success = world.nextDouble() < p;
            double taskCost = w.costPerTask()[m] * (0.7 + 0.6 * world.nextDouble());
            cost += taskCost;
            windowCost += taskCost;
            successes += success ? 1 : 0;
            windowSuccess += success ? 1 : 0;
            cost(arms, context, INTENTS[intent], model, taskCost);
            List<Signal> heard = new ArrayList<>(); // what this task has drawn so far, as its decision keeps it
            for (Signal s : signals(world, success, intent >= 2)) {
                pending.add(new Pending(t + 1 + world.nextInt(300), context, INTENTS[intent], model, s, heard));
            }
            if (print && policy.equals("learned") && (t + 1) % window == 0) {
                System.out.printf(Locale.ROOT, "    learned, tasks %6d: cost/task %.2f, success %.3f (this stretch)%n",
                        t + 1, windowCost / window, windowSuccess / window);
                windowCost = 0;
                if (System.getenv("SIM_TRACE") != null) {
                    System.out.println("      " + TRACE);
                    TRACE.clear();
                    String traced = System.getenv("SIM_TRACE");
                    if (arms.containsKey(traced)) {
                        for (Learner.Estimate e : Learner.estimates(candidates, arms.get(traced),
                                arms.get(traced.substring(0, traced.indexOf('|'))))) {
                            System.out.printf(Locale.ROOT, "        %s %s: success %.3f, outcomes %.0f%n", traced,
                                    e.model(), e.success(), e.outcomes());
                        }
                    }
                }
                windowSuccess = 0;
            }
        }
        if (System.getenv("SIM_ESTIMATES") != null && policy.equals("learned")) {
            for (String context : new java.util.TreeSet<>(arms.keySet())) {
                if (context.contains("|")) {
                    System.out.println("    " + context + " " + Learner.estimates(candidates, arms.get(context),
                            arms.get(context.substring(0, context.indexOf('|')))));
                }
            }
        }
        return new Result(cost, successes / tasks, tasks, shareBeforeDrop, recoveredAfter);
    }

    /**
     * What the gateway hears of a task: noisy and partial. A good answer is usually built on (continued) and now and
     * then reworded anyway; a bad one is often retried, aborted, escalated or followed by tool errors, and sometimes
     * built on regardless. One task in eight gets explicit feedback, one in twenty of those mistaken. The council
     * sits on architecture and security work.
     */
    static List<Signal> signals(Random r, boolean success, boolean councilWork) {
        List<Signal> out = new ArrayList<>();
        if (r.nextDouble() < 0.125) {
            boolean said = r.nextDouble() < 0.05 ? !success : success;
            out.add(said ? Signal.SUCCESS : Signal.FAILURE);
        }
        if (success) {
            double x = r.nextDouble();
            if (x < 0.70) {
                out.add(Signal.CONTINUED);
            } else if (x < 0.78) {
                out.add(Signal.RETRIED);
            }
            if (r.nextDouble() < 0.05) {
                out.add(Signal.TOOL_ERROR);
            }
        } else {
            double x = r.nextDouble();
            if (x < 0.40) {
                out.add(Signal.RETRIED);
            } else if (x < 0.50) {
                out.add(Signal.ABORTED);
            } else if (x < 0.60) {
                out.add(Signal.ESCALATED);
            } else if (x < 0.85) {
                out.add(Signal.CONTINUED);
            }
            if (r.nextDouble() < 0.35) {
                out.add(Signal.TOOL_ERROR);
            }
        }
        if (councilWork) {
            double x = r.nextDouble();
            out.add(success ? (x < 0.8 ? Signal.COUNCIL_APPROVE : Signal.COUNCIL_CONCERNS)
                    : (x < 0.5 ? Signal.COUNCIL_REJECT : x < 0.85 ? Signal.COUNCIL_CONCERNS : Signal.COUNCIL_APPROVE));
        }
        return out;
    }

    private static void heard(Map<String, Map<String, Arm>> arms, String key, String model, List<Signal> before,
                              Signal s) {
        Map<String, Arm> models = arms.computeIfAbsent(key, k -> new HashMap<>());
        models.put(model, models.getOrDefault(model, Arm.NONE).heard(before, s));
    }

    private static void cost(Map<String, Map<String, Arm>> arms, String context, String intent, String model,
                             double usd) {
        for (String key : new String[] {context, intent}) {
            Map<String, Arm> byModel = arms.computeIfAbsent(key, k -> new HashMap<>());
            byModel.put(model, byModel.getOrDefault(model, Arm.NONE).decided().cost(usd));
        }
    }

    /**
     * What a router that knew the hidden rates would choose: the cheapest model within the quality floor of the best
     * for this intent and risk, now. Not reachable by any learner; it shows how much a workload leaves to save.
     */
    static int oracle(Workload w, int intent, boolean highRisk, int t) {
        double best = 0;
        for (int m = 0; m < w.models().length; m++) {
            best = Math.max(best, w.chance(intent, highRisk, m, t));
        }
        for (int m = 0; m < w.models().length; m++) {
            if (w.chance(intent, highRisk, m, t) >= LearnSettings.DEFAULTS.qualityFloor() * best) {
                return m;
            }
        }
        return w.models().length - 1;
    }

    private static int pick(Random r, double[] mix) {
        double x = r.nextDouble();
        for (int i = 0; i < mix.length; i++) {
            x -= mix[i];
            if (x < 0) {
                return i;
            }
        }
        return mix.length - 1;
    }

    private static int index(String[] models, String model) {
        for (int i = 0; i < models.length; i++) {
            if (models[i].equals(model)) {
                return i;
            }
        }
        throw new IllegalArgumentException(model);
    }
}
