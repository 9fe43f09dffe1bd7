package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Intent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds the classifier to what the cross-source evaluation measured when it was last changed, so that a change to
 * features, data or training that makes it worse on styles it has not seen fails here. These are floors under
 * today's figures (89.2% across 16 sources, security recall 88.1%; 88.8%, 85.0%, 93.8%, 93.8%, 88.8%, 83.8% and
 * 76.3% on the seven sealed sets; training is seeded, so they are exact). The sixteenth source (harms) is the hardest
 * (81.7% held out): with it the floors across sources cover harder asks than before, so the security recall floor is
 * 0.87 where it was 0.89 over fifteen (the fifteen older sources went from 89.5% to 91.0% security recall with it).
 * All of it was written in this project: an upper bound on other people's requests.
 */
class CrossSourceEvaluationTest {

    private static final Map<String, List<IntentModel.Example>> SOURCES = Corpus.sources();

    @Test
    void everySourceHasEveryIntentAndTheCorpusIsLarge() {
        int total = 0;
        for (Map.Entry<String, List<IntentModel.Example>> source : SOURCES.entrySet()) {
            for (Intent intent : Intent.values()) {
                assertTrue(source.getValue().stream().filter(e -> e.intent() == intent).count() >= 8,
                        source.getKey() + " has too few " + intent);
            }
            total += source.getValue().size();
        }
        assertTrue(SOURCES.size() >= 16 && total >= 1200, SOURCES.size() + " sources, " + total + " examples");
    }

    @Test
    void onAStyleItHasNotSeenItStaysAboveItsFloors() {
        List<CrossSourceEvaluation.Prediction> p = CrossSourceEvaluation.leaveOneSourceOut(SOURCES, LocalClassifier::new);
        System.out.print(CrossSourceEvaluation.report("cross-source", p, true));
        assertTrue(CrossSourceEvaluation.accuracy(p) >= 0.89, "cross-source accuracy");
        assertTrue(CrossSourceEvaluation.recall(p, Intent.SECURITY) >= 0.87, "security recall");
        assertSecurityIsNotSentCheap(p);
        // 0.029 with the temperature (LocalClassifier.TEMPERATURE), 0.039 without it
        assertTrue(CrossSourceEvaluation.calibrationError(p) <= 0.035, "confidence is calibrated");
        List<CrossSourceEvaluation.Prediction> cheap = p.stream().filter(CrossSourceEvaluation.Prediction::routedCheaper)
                .toList();
        assertTrue(cheap.stream().filter(x -> x.truth() == Intent.TRIVIAL).count() >= 0.9 * cheap.size(),
                "what is sure enough to go cheap is trivial");
    }

    /** The floor under each sealed set's accuracy today. */
    private static final Map<String, Double> SEALED_FLOORS = Map.of("sealed", 0.85, "sealed-2", 0.83, "sealed-3",
            0.90, "sealed-4", 0.90, "sealed-5", 0.87, "sealed-6", 0.82, "sealed-7", 0.75);

    @Test
    void onTheSealedSetsItStaysAboveItsFloors() {
        LocalClassifier shipped = new LocalClassifier();
        assertEquals(SEALED_FLOORS.keySet(), CrossSourceEvaluation.SEALED_SETS.stream().map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()), "every sealed set has a floor");
        List<CrossSourceEvaluation.Prediction> all = new java.util.ArrayList<>();
        for (Map.Entry<String, String> set : CrossSourceEvaluation.SEALED_SETS) {
            List<CrossSourceEvaluation.Prediction> p = CrossSourceEvaluation.sealed(shipped, set.getKey());
            System.out.print(CrossSourceEvaluation.report(set.getKey(), p, false));
            assertTrue(CrossSourceEvaluation.accuracy(p) >= SEALED_FLOORS.get(set.getKey()),
                    set.getKey() + " accuracy");
            all.addAll(p);
        }
        // 2% is a rate: over one set's 20 security asks it would allow none, so it is held over all of them (the
        // classifier alone sends 1 of sealed-6's 20 cheap; the screen in front of cheap routing keeps it, see the
        // server's CheapRoutingSafetyTest)
        assertSecurityIsNotSentCheap(all);
    }

    private static void assertSecurityIsNotSentCheap(List<CrossSourceEvaluation.Prediction> p) {
        long security = p.stream().filter(x -> x.truth() == Intent.SECURITY).count();
        long cheap = p.stream().filter(x -> x.truth() == Intent.SECURITY && x.routedCheaper()).count();
        assertTrue(cheap <= security * 0.02, cheap + " of " + security + " security requests sent cheap");
    }
}
