package dev.srooter.server.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.ProviderConfig;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parts of routing that need no server: what a model must be able to do, and the circuit breaker. */
class RoutingUnitsTest {

    private static Target model(boolean tools, boolean vision, Integer window) {
        return new Target("p", new ProviderConfig("p", "http://h", null), null, "m", "m", Price.UNKNOWN, Set.of(),
                new Capabilities(window, null, tools, vision, false, 0, true), null);
    }

    @Test
    void aModelMustTakeWhatTheRequestCarries() {
        TargetPicker.Needs toolsAndImage = new TargetPicker.Needs(true, true, 50_000);
        assertTrue(toolsAndImage.metBy(model(true, true, 200_000)));
        assertFalse(toolsAndImage.metBy(model(true, false, 200_000)), "no vision");
        assertFalse(toolsAndImage.metBy(model(false, true, 200_000)), "no tools");
        assertFalse(toolsAndImage.metBy(model(true, true, 32_768)), "too small a context window");
        assertTrue(new TargetPicker.Needs(false, false, 10).metBy(model(false, false, null)), "unknown window");
    }

    @Test
    void onlyWhatAModelCannotTakeRulesItOutOfTheAttemptChainNotTheSizeEstimate() {
        TargetPicker.Needs toolsAndImage = new TargetPicker.Needs(true, true, 500_000);
        assertEquals("no tools", toolsAndImage.unmetBy(model(false, true, 200_000)));
        assertEquals("no images", toolsAndImage.unmetBy(model(true, false, 200_000)));
        assertEquals(null, toolsAndImage.unmetBy(model(true, true, 200_000)),
                "an upper size estimate (base64 images inflate it) is for choosing, the provider judges the window");
        assertEquals(null, toolsAndImage.unmetBy(new Target("p", new ProviderConfig("p", "http://h", null), null, "m",
                "m", Price.UNKNOWN, Set.of(), Capabilities.UNKNOWN, null)), "a model the catalogue does not know");
    }

    @Test
    void theBreakerOpensOnRepeatedFailuresAndLetsOneTrialThroughAfterItsDelay() throws Exception {
        CircuitBreakers breakers = new CircuitBreakers();
        breakers.setOpenMillis(100);
        for (int k = 0; k < 3; k++) {
            breakers.record("a", true);
        }
        assertEquals(CircuitBreakers.State.CLOSED, breakers.state("a"), "three failures are not yet enough");
        breakers.record("a", true);
        assertEquals(CircuitBreakers.State.OPEN, breakers.state("a"));
        assertFalse(breakers.allows("a"));
        assertTrue(breakers.allows("b"), "each provider has its own breaker");
        Thread.sleep(150);
        assertTrue(breakers.allows("a"), "half-open: one trial");
        assertFalse(breakers.allows("a"), "only one");
        breakers.record("a", false);
        assertEquals(CircuitBreakers.State.CLOSED, breakers.state("a"));
        for (int k = 0; k < 6; k++) {
            breakers.record("c", k % 2 == 0);
        }
        assertEquals(CircuitBreakers.State.CLOSED, breakers.state("c"), "three failures in six: not enough");
        breakers.record("c", false);
        breakers.record("c", true);
        assertEquals(CircuitBreakers.State.OPEN, breakers.state("c"), "four failures in eight: half, and four");
    }
}
