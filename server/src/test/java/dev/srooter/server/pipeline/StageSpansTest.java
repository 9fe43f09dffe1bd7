package dev.srooter.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.Operation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stage's span: made current while the stage runs when the tracer traces, and not at all when it is the tracer
 * Liberty hands out while OpenTelemetry is off, whose spans are invalid (making one current built a context and a
 * scope a stage, for nothing).
 */
class StageSpansTest {

    private static StageSpans with(Tracer tracer) throws Exception {
        StageSpans spans = new StageSpans();
        Field field = StageSpans.class.getDeclaredField("tracer");
        field.setAccessible(true);
        field.set(spans, tracer);
        return spans;
    }

    /** A tracer whose every span is this one, as a real tracer's spans are valid whether sampled or not. */
    private static Tracer giving(Span span) {
        return name -> (SpanBuilder) Proxy.newProxyInstance(SpanBuilder.class.getClassLoader(),
                new Class<?>[] {SpanBuilder.class},
                (proxy, method, args) -> method.getName().equals("startSpan") ? span : proxy);
    }

    /** {@code tracer}, noting the name of every span it is asked for. */
    private static Tracer asking(Tracer tracer, List<String> asked) {
        return name -> {
            asked.add(name);
            return tracer.spanBuilder(name);
        };
    }

    @Test
    void withTracingOffAStageRunsWithNothingMadeCurrent() throws Exception {
        StageSpans spans = with(OpenTelemetry.noop().getTracer("srooter"));
        Context before = Context.current();
        List<Context> seen = new ArrayList<>();
        spans.stage(exchange -> seen.add(Context.current()), null);
        assertEquals(1, seen.size(), "the stage ran");
        assertSame(before, seen.get(0), "no context was made for an invalid span");
        assertSame(before, Context.current());
    }

    @Test
    void withTracingOffTheRequestsStagesDoNotAskTheTracer() throws Exception {
        List<String> asked = new ArrayList<>();
        StageSpans spans = with(asking(OpenTelemetry.noop().getTracer("srooter"), asked));
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{}");
        List<String> ran = new ArrayList<>();
        try (StageSpans.Request request = spans.request(exchange)) {
            request.stage(e -> ran.add("first"), exchange);
            request.stage(e -> ran.add("second"), exchange);
        }
        assertEquals(List.of("first", "second"), ran);
        assertEquals(List.of("srooter messages"), asked, "only the request's span was asked for");
    }

    @Test
    void withTracingOnTheRequestsStagesRunInSpansOfTheirOwn() throws Exception {
        Span span = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault()));
        List<String> asked = new ArrayList<>();
        StageSpans spans = with(asking(giving(span), asked));
        Exchange exchange = PlainExchange.of(Operation.MESSAGES, "{}");
        List<Span> seen = new ArrayList<>();
        try (StageSpans.Request request = spans.request(exchange)) {
            request.stage(e -> seen.add(Span.current()), exchange);
        }
        assertEquals(2, asked.size(), "the request's span and the stage's: " + asked);
        assertSame(span, seen.get(0));
    }

    @Test
    void withTracingOnAStageRunsInsideItsSpan() throws Exception {
        Span span = Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault()));
        StageSpans spans = with(giving(span));
        List<Span> seen = new ArrayList<>();
        spans.stage(exchange -> seen.add(Span.current()), null);
        assertSame(span, seen.get(0), "the stage's span is current while it runs");
        assertTrue(!Span.current().getSpanContext().isValid(), "and not after");
    }
}
