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
 * today's figures (90.5% across 30 sources, 91.3% over the 29 before docs-work, which scores 66% held out; 93.8%,
 * 96.3%, 82.5% and 83.3% on the sealed sets
 * sealed-8 to sealed-11, sealed-10 in languages no source has and sealed-11 in eight the corpus has; training is
 * seeded, so they are exact). The five newest sources are the hardest held out (the two of other languages, read from
 * cue stems, identifiers and borrowed words where the other sources teach little of the language; features;
 * borderline-2; context-first), so the floors across sources sit under the older 23 sources'. Seven of the sources
 * (mixed-1 to mixed-7) were sealed sets until they were folded into training. All of it was written in this project:
 * an upper bound on other people's requests, which bench/outside/ measures on GitHub issues: 75-87% by set on first
 * runs, 79.7% over the six sets B to G run with the classifier as shipped at the time.
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
        assertTrue(SOURCES.size() >= 29 && total >= 2360, SOURCES.size() + " sources, " + total + " examples");
    }

    @Test
    void onAStyleItHasNotSeenItStaysAboveItsFloors() {
        List<CrossSourceEvaluation.Prediction> p = CrossSourceEvaluation.leaveOneSourceOut(SOURCES, LocalClassifier::new);
        System.out.print(CrossSourceEvaluation.report("cross-source", p, true));
        // 0.90: the source docs-work (documentation whose subject is security or architecture, and counter-examples)
        // scores 66% when held out, since what it teaches no other source says; the sources before it stayed at 91.3%
        assertTrue(CrossSourceEvaluation.accuracy(p) >= 0.90, "cross-source accuracy");
        assertTrue(CrossSourceEvaluation.recall(p, Intent.SECURITY) >= 0.92, "security recall");
        assertSecurityIsNotSentCheap(p);
        // 0.043 with the temperature (LocalClassifier.TEMPERATURE, fitted here with L2) over 29 sources, much of it
        // asks in languages read from a few words (cue stems, borrowed words); 0.144 without it
        assertTrue(CrossSourceEvaluation.calibrationError(p) <= 0.045, "confidence is calibrated");
        List<CrossSourceEvaluation.Prediction> cheap = p.stream().filter(CrossSourceEvaluation.Prediction::routedCheaper)
                .toList();
        assertTrue(cheap.stream().filter(x -> x.truth() == Intent.TRIVIAL).count() >= 0.9 * cheap.size(),
                "what is sure enough to go cheap is trivial");
    }

    /** The floor under each sealed set's accuracy today. */
    private static final Map<String, Double> SEALED_FLOORS = Map.of("sealed-8", 0.93, "sealed-9", 0.95, "sealed-10",
            0.80, "sealed-11", 0.78);

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
        // 2% is a rate: over one set's 20 security asks it allows none, so it is held over all the sealed sets'
        // security asks together (none of the 72 of sealed-8 to sealed-11 sent cheap by the classifier alone; one, in
        // a language no source has, before L2 was raised; the server's CheapRoutingSafetyTest adds the screen)
        assertSecurityIsNotSentCheap(all);
    }

    private static void assertSecurityIsNotSentCheap(List<CrossSourceEvaluation.Prediction> p) {
        long security = p.stream().filter(x -> x.truth() == Intent.SECURITY).count();
        long cheap = p.stream().filter(x -> x.truth() == Intent.SECURITY && x.routedCheaper()).count();
        assertTrue(cheap <= security * 0.02, cheap + " of " + security + " security requests sent cheap");
    }
}
