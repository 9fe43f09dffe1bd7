package dev.srooter.plugins.classifier.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.ClassifierContext;
import dev.srooter.api.ClassifierInput;
import dev.srooter.api.Intent;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmClassifierTest {

    private static ClassifierContext answering(String answer, StringBuilder asked) {
        return new ClassifierContext() {
            @Override
            public String model() {
                return "cheap/model";
            }

            @Override
            public String complete(String system, String user) {
                asked.append(user);
                return answer;
            }
        };
    }

    private final ClassifierInput input = new ClassifierInput("sys", "Fix the SQL injection", "", List.of("Read"), 1, "m");

    @Test
    void takesTheModelsOneWordAnswer() {
        StringBuilder asked = new StringBuilder();
        assertEquals(Intent.SECURITY, new LlmClassifier().classify(input, answering(" Security.\n", asked)).intent());
        assertTrue(asked.toString().contains("Fix the SQL injection"));
    }

    @Test
    void anAnswerThatIsNoIntentIsThrownBackForTheLocalClassifier() {
        assertThrows(IllegalArgumentException.class,
                () -> new LlmClassifier().classify(input, answering("I think it is about databases", new StringBuilder())));
    }
}
