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
        assertEquals("fallback", GatewayMetrics.routeKind("  Fallback>openai"));
        assertEquals("council", GatewayMetrics.routeKind("council;review"));
        assertEquals("other", GatewayMetrics.routeKind("-intent"));
        assertEquals("other", GatewayMetrics.routeKind("a".repeat(21)));
        assertEquals("other", GatewayMetrics.routeKind("intent2 trivial"));
    }

    @Test
    void aLabelIsBoundedAndEscaped() {
        assertEquals("a_b_c_d", GatewayMetrics.label("a\"b\\c\nd"));
        assertEquals(100, GatewayMetrics.label("x".repeat(300)).length());
        assertEquals("none", GatewayMetrics.label(null));
        assertEquals("claude-haiku-4-5", GatewayMetrics.label("claude-haiku-4-5"));
        assertEquals("_".repeat(100), GatewayMetrics.label("\"".repeat(150)));
    }
}
