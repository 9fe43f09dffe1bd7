package dev.srooter.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Metric labels stay few and safe: a route becomes its kind, a label value loses what Prometheus cannot take. */
class GatewayMetricsTest {

    @Test
    void aRouteIsReducedToItsKind() {
        assertEquals("intent", GatewayMetrics.routeKind("intent trivial -> cheapest (qwen3)"));
        assertEquals("learned", GatewayMetrics.routeKind("learned: substantive|low"));
        assertEquals("other", GatewayMetrics.routeKind("Ünïcode route"));
        assertEquals("none", GatewayMetrics.routeKind(" "));
    }

    @Test
    void aLabelIsBoundedAndEscaped() {
        assertEquals("a_b_c_d", GatewayMetrics.label("a\"b\\c\nd"));
        assertEquals(100, GatewayMetrics.label("x".repeat(300)).length());
        assertEquals("none", GatewayMetrics.label(null));
    }
}
