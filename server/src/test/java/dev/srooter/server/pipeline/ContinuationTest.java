package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A human turn that only says to go on is classified with the ask before it: a plan for a security change approved
 * with "yes, go ahead" is not a one-word question for a cheap model.
 */
class ContinuationTest {

    private static Message user(String text) {
        return new Message(Message.Role.USER, List.of(new Part.Text(text, null)));
    }

    private static Message assistant(String text) {
        return new Message(Message.Role.ASSISTANT, List.of(new Part.Text(text, null)));
    }

    private static ChatRequest conversation(Message... messages) {
        return new ChatRequest("m", List.of(), new ArrayList<>(List.of(messages)), List.of(), null, 64, 0.0, null,
                List.of(), false, null, null, null, List.of());
    }

    @Test
    void aBareGoAheadIsReadWithTheAskBeforeIt() {
        String asked = Classify.input(conversation(user("Rotate the JWT signing keys and end every open session"),
                assistant("Plan: 1. add a key id ... 2. ..."), user("yes, go ahead"))).lastUser();
        assertTrue(asked.contains("JWT signing keys") && asked.endsWith("yes, go ahead"), asked);
        String twice = Classify.input(conversation(user("Split billing into its own service"), assistant("Plan ..."),
                user("ok"), assistant("Step 1 done."), user("continue"))).lastUser();
        assertTrue(twice.startsWith("Split billing"), "goes back past several go-aheads: " + twice);
    }

    @Test
    void anAskThatSaysWhatToDoIsReadAlone() {
        assertEquals("yes, and add tests for the parser too", Classify.input(conversation(user("Fix the parser"),
                assistant("Done."), user("yes, and add tests for the parser too"))).lastUser());
        assertEquals("continue", Classify.input(conversation(user("continue"))).lastUser(), "nothing before it");
        assertTrue(Continuation.bare("Yes please!") && Continuation.bare("LGTM, ship it") && Continuation.bare("weiter"));
        assertFalse(Continuation.bare("yes but rename it to fetchAll") || Continuation.bare("continue with the migration"));
    }
}
