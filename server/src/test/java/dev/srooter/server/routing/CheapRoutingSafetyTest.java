package dev.srooter.server.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Classification;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import dev.srooter.plugins.classifier.LocalClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How often security work would go to a cheaper model under srooter defaults (trivial work to the cheapest model
 * when the classifier is at least 0.7 sure), with the local classifier alone and with the security screen in
 * front of cheap routing, on the classifier's sealed sets (never trained on; the seven older ones were folded into its
 * training, so they no longer count here). Those were written in
 * this project (not by outsiders), so the figures printed here flatter; the outside measurement is the one the
 * issue reports.
 */
class CheapRoutingSafetyTest {

    private static final String AGENT = "You are an interactive coding agent.";
    private static final String TITLE = "Generate a concise, sentence-case title (3-7 words) for this session.";

    @Test
    void securityWorkIsNotRoutedCheaperOnTheSealedExamples() throws Exception {
        LocalClassifier classifier = new LocalClassifier();
        int security = 0, securityCheapAlone = 0, securityCheapScreened = 0;
        int trivial = 0, trivialCheapAlone = 0, trivialCheapScreened = 0;
        for (SealedAsks.Ask ask : SealedAsks.sealed()) {
            boolean title = ask.shape().equals("title");
            ClassifierInput input = new ClassifierInput(title ? TITLE : AGENT, ask.text(), "", title ? List.of()
                    : List.of("Read", "Edit", "Bash"), 1, "model");
            Classification c = classifier.classify(input);
            boolean cheapAlone = c.intent() == Intent.TRIVIAL && c.confidence() >= 0.7;
            boolean cheapScreened = cheapAlone && (input.sideCall() || !SecuritySignals.present(ask.text()));
            if (ask.intent().equals("security")) {
                security++;
                securityCheapAlone += cheapAlone ? 1 : 0;
                securityCheapScreened += cheapScreened ? 1 : 0;
            } else if (ask.intent().equals("trivial")) {
                trivial++;
                trivialCheapAlone += cheapAlone ? 1 : 0;
                trivialCheapScreened += cheapScreened ? 1 : 0;
            }
        }
        System.out.printf("the sealed sets (written in this project): security routed cheaper: classifier"
                + " alone %d of %d,"
                + " with the screen %d of %d; trivial routed cheaper: alone %d of %d, with the screen %d of %d%n",
                securityCheapAlone, security, securityCheapScreened, security, trivialCheapAlone, trivial,
                trivialCheapScreened, trivial);
        assertTrue(securityCheapScreened <= security * 0.02, "at most 2% of security work routed cheaper");
        assertTrue(trivialCheapScreened >= trivialCheapAlone * 0.6,
                "the screen keeps most trivial work on cheap models: " + trivialCheapScreened + " of " + trivialCheapAlone);
    }
}
