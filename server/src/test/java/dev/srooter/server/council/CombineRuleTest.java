package dev.srooter.server.council;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How members' verdicts combine; a member that failed (null) does not vote. */
class CombineRuleTest {

    private static List<Verdict> votes(Verdict... v) {
        return Arrays.asList(v);
    }

    @Test
    void majorityTakesTheMostVotesAndATieGoesToTheStricter() {
        assertEquals(Verdict.APPROVE, CombineRule.MAJORITY.combine(votes(Verdict.APPROVE, Verdict.APPROVE, Verdict.REJECT)));
        assertEquals(Verdict.REJECT, CombineRule.MAJORITY.combine(votes(Verdict.APPROVE, Verdict.REJECT)));
        assertEquals(Verdict.CONCERNS, CombineRule.MAJORITY.combine(votes(Verdict.APPROVE, Verdict.CONCERNS, null)));
    }

    @Test
    void anyRejectRejectsOnOneAndRaisesConcernsOnOne() {
        assertEquals(Verdict.REJECT, CombineRule.ANY_REJECT.combine(votes(Verdict.APPROVE, Verdict.APPROVE, Verdict.REJECT)));
        assertEquals(Verdict.CONCERNS, CombineRule.ANY_REJECT.combine(votes(Verdict.APPROVE, Verdict.CONCERNS)));
        assertEquals(Verdict.APPROVE, CombineRule.ANY_REJECT.combine(votes(Verdict.APPROVE, null)));
    }

    @Test
    void aCouncilWhereNobodyCouldVoteIsNeverAnApproval() {
        assertEquals(Verdict.CONCERNS, CombineRule.MAJORITY.combine(votes(null, null)));
        assertEquals(Verdict.CONCERNS, CombineRule.ANY_REJECT.combine(votes()));
    }

    @Test
    void aMembersAnswerIsReadAsJsonOrAsALeadingWord() {
        assertEquals(Verdict.REJECT, ReviewPrompt.read("m", "Here: {\"verdict\":\"reject\",\"reasons\":\"x\"}", 1, 0).verdict());
        assertEquals(Verdict.CONCERNS, ReviewPrompt.read("m", "Concerns: the test is missing", 1, 0).verdict());
        assertEquals(null, ReviewPrompt.read("m", "I think it is fine overall", 1, 0).verdict());
    }
}
