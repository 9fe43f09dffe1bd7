package dev.srooter.server.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the simulator on every workload, the held-out ones included, at five seeds, and prints the figures into the
 * build log. What it asserts is what must hold on any workload, not the cost target (see docs/routing.md for the
 * figures against it): learned routes never cost more than always-best, keep at least 95% of its success in all but
 * one run in fifty, and never fall far under it.
 *
 * <p>Per run, not per workload: the floor is read on noisy estimates, and since a cheaper model is turned away only
 * when the evidence says it misses the floor ({@link Learner#LENIENCE}), a context at the floor's edge serves the
 * cheaper model about half the time. That keeps the context's expected success over the floor, but a run's random
 * stream can leave one just under 95% (2 of 520 runs over 20 seeds, at 94.8% and 94.97%; before that change, 1 of 520,
 * at 94.3%).
 */
class LearnerSimulationTest {

    @Test
    void learnedRoutesKeepTheSuccessOfTheBestAndNeverCostMore() {
        List<LearnerSimulation.Workload> all = new ArrayList<>(LearnerWorkloads.workloads());
        all.addAll(LearnerWorkloads.heldOut());
        all.addAll(LearnerWorkloads.heldOutLater());
        System.out.println("Learned routes, simulated (20,000 tasks, seeds 1 to 5; docs/routing.md has the 40,000-task"
                + " runs):");
        int runs = 0;
        int underFloor = 0;
        for (LearnerSimulation.Workload w : all) {
            for (long seed = 1; seed <= 5; seed++) {
                LearnerSimulation.AgainstBest learned = LearnerSimulation.againstBest(w, 20_000, seed);
                double cost = -learned.saving();
                double kept = learned.kept();
                System.out.printf(java.util.Locale.ROOT, "  %-90s seed %d cost %+6.1f%%, success %5.1f%% of"
                        + " always-best%n", w.name(), seed, 100 * cost, 100 * kept);
                assertTrue(kept >= 0.94, w.name() + ", seed " + seed + ": success kept " + kept);
                assertTrue(cost <= 0.01, w.name() + ", seed " + seed + ": cost " + cost);
                runs++;
                underFloor += kept < 0.95 ? 1 : 0;
            }
        }
        assertTrue(underFloor * 50 <= runs, underFloor + " of " + runs + " runs kept less than 95% of the success");
    }

    /**
     * Issue 19's target, 40% less than always-best at 95% of its success or more, on the held-out workloads whose
     * defaults leave 40% to save (O to AC but T and Z, which a learner that keeps the floor cannot bring under 36.7%
     * and 29.6%), seeds 1 to 3, 40,000 tasks: met in 39 runs of 39; 32 before the floor was read with its error.
     * Over 20 seeds, 254 of 260 (LearnerSimulationSeeds, docs/routing.md): a few runs in a hundred miss, so this
     * asks for more than nine in ten, not all.
     */
    @Test
    void learnedRoutesMeetTheTargetWhereTheDefaultsLeaveItToSave() {
        int runs = 0;
        int met = 0;
        for (LearnerSimulation.Workload w : LearnerWorkloads.heldOutOverSeeds()) {
            if (w.label().equals("T") || w.label().equals("Z")) {
                continue;
            }
            for (long seed = 1; seed <= 3; seed++) {
                LearnerSimulation.AgainstBest learned = LearnerSimulation.againstBest(w, 40_000, seed);
                System.out.printf(java.util.Locale.ROOT, "  %s seed %d: %.1f%% saved at %.1f%% of always-best's"
                        + " success%n", w.label(), seed, 100 * learned.saving(), 100 * learned.kept());
                runs++;
                met += learned.meetsTarget() ? 1 : 0;
            }
        }
        assertTrue(met * 10 > runs * 9, met + " of " + runs + " runs met 40% at 95%");
    }
}
