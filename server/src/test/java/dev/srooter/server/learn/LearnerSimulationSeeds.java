package dev.srooter.server.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The held-out workloads over many seeds: how often the learner meets issue 19's target (40% less than always-best at
 * 95% of its success or more) in a run, with the spread of its saving. Three seeds told too little: the same workload
 * saved 30% in one run and 49% in another, and the random stream alone (the learner's own draws) moved a run by ten
 * points, so a target stated per run is read as a share of runs here.
 *
 * <pre>
 * java -cp server/target/classes:server/target/test-classes dev.srooter.server.learn.LearnerSimulationSeeds 20
 * </pre>
 */
public final class LearnerSimulationSeeds {

    private LearnerSimulationSeeds() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("| workload | runs meeting 40% at 95% | saving, median (lowest, highest)"
                + " | lowest success kept | oracle within the defaults, median |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (LearnerSimulation.Workload w : LearnerWorkloads.heldOutOverSeeds()) {
            List<Double> savings = new ArrayList<>();
            List<Double> oracle = new ArrayList<>();
            double lowestSuccess = 1;
            int met = 0;
            for (long seed = 1; seed <= seeds; seed++) {
                LearnerSimulation.AgainstBest learned = LearnerSimulation.againstBest(w, 40_000, seed);
                LearnerSimulation.Result best = LearnerSimulation.run(w, 40_000, seed, "best", false);
                LearnerSimulation.Result ceiling = LearnerSimulation.run(w, 40_000, seed, "oracle within the defaults",
                        false);
                savings.add(learned.saving());
                oracle.add(1 - ceiling.cost() / best.cost());
                lowestSuccess = Math.min(lowestSuccess, learned.kept());
                met += learned.meetsTarget() ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "| %s | %d of %d | %.1f%% (%.1f, %.1f) | %.1f%% | %.1f%% |%n",
                    w.label(), met, seeds, 100 * median(savings),
                    100 * Collections.min(savings), 100 * Collections.max(savings), 100 * lowestSuccess,
                    100 * median(oracle));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
