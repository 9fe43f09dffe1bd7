package dev.srooter.plugins.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The weights the build put in the jar are those the corpus trains today, read back exactly. */
class ShippedModelTest {

    @Test
    void theShippedWeightsAreWhatTheCorpusTrains() throws Exception {
        byte[] shipped;
        try (InputStream in = ShippedModel.class.getResourceAsStream(ShippedModel.RESOURCE)) {
            assertNotNull(in, "the build writes " + ShippedModel.RESOURCE);
            shipped = in.readAllBytes();
        }
        byte[] trained = LocalClassifier.train(Corpus.all()).bytes();
        assertArrayEquals(trained, shipped, "the shipped model is stale: rebuild the plugin");
        assertArrayEquals(trained, IntentModel.of(trained).bytes(), "written and read back, the same weights");
    }

    @Test
    void bytesOfAnotherShapeAreRefused() {
        assertEquals("not a model of 4 x 65536 weights and 262144 word bits: 12 bytes",
                assertThrows(IllegalArgumentException.class, () -> IntentModel.of(new byte[12])).getMessage());
    }
}
