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

        /** The workload's letter, as the tables name it ("R", "AA"). */
        String label() {
            return name.substring(0, name.indexOf(' '));
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

    /** A learned run against always-best on the same workload and seed: the share of cost saved, of success kept. */
    record AgainstBest(double saving, double kept) {

        /** Issue 19's target: at least 40% less than always-best, at 95% of its success or more. */
        boolean meetsTarget() {
            return saving >= 0.40 && kept >= 0.95;
        }
    }

    static AgainstBest againstBest(Workload w, int tasks, long seed) {
        Result best = run(w, tasks, seed, "best", false);
        Result learned = run(w, tasks, seed, "learned", false);
        return new AgainstBest(1 - learned.cost() / best.cost(), learned.success() / best.success());
    }

    static final Map<String, Integer> PICKS = new java.util.TreeMap<>();
    /** SIM_TRACE: the learned run's choices per context and model, printed for each eighth of the run. */
    static final Map<String, Integer> TRACE = new java.util.TreeMap<>();

    private LearnerSimulation() {
    }

    public static void main(String[] args) {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7;
        System.out.println("Learned routes, simulated: " + tasks + " tasks per run, seed " + seed + ", settings "
                + LearnSettings.DEFAULTS);
        String set = args.length > 2 ? args[2] : "";
        for (Workload w : set.equals("--held-out") ? LearnerWorkloads.heldOut() : set.equals("--held-out-later")
                ? LearnerWorkloads.heldOutLater() : set.equals("--held-out-latest") ? LearnerWorkloads.heldOutLatest()
                : set.equals("--held-out-next") ? LearnerWorkloads.heldOutNext() : set.equals("--held-out-fresh")
                ? LearnerWorkloads.heldOutFresh() : set.equals("--held-out-after-fresh")
                ? LearnerWorkloads.heldOutAfterFresh() : set.equals("--held-out-dawn") ? LearnerWorkloads.heldOutDawn()
                : LearnerWorkloads.workloads()) {
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
