package dev.srooter.server.pipeline;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * OpenTelemetry spans of a request's stages, children of the request's own span ({@code srooter <operation>}), which
 * is a child of whatever span is current when the request starts (Liberty's, if it traced the HTTP request). Off unless the runtime's
 * OpenTelemetry is turned on ({@code OTEL_SDK_DISABLED=false}; docs/operations.md): then Liberty hands out a tracer
 * that does nothing, and the request pays for one builder and an invalid span, its stages for nothing. Spans carry what the audit carries, never a prompt or a key.
 */
@ApplicationScoped
public class StageSpans {

    @Inject
    Instance<Tracer> tracers;

    private volatile Tracer tracer;

    private Tracer tracer() {
        Tracer current = tracer;
        if (current == null) {
            current = tracers.isResolvable() ? tracers.get()
                    : io.opentelemetry.api.OpenTelemetry.noop().getTracer("srooter");
            tracer = current;
        }
        return current;
    }

    /** The request's span, current until closed. */
    public Request request(Exchange exchange) {
        Span span = tracer().spanBuilder("srooter " + exchange.operation.name().toLowerCase(Locale.ROOT)).startSpan();
        if (!traced(span)) {
            return new Request(span, Scope.noop(), null);
        }
        span.setAttribute("srooter.request_id", exchange.id);
        return new Request(span, span.makeCurrent(), this);
    }

    /**
     * Whether a span is one to record or pass on. The tracer that Liberty hands out while OpenTelemetry is off gives
     * only invalid spans: making one current is no use to anyone, and in Liberty it still builds a context and a
     * scope, a stage at a time (1.6 of the 52 KB a 2 KB request allocates, by async-profiler; bench/README.md,
     * "Less garbage a request"). A span of a real tracer has a valid context even when it is not sampled.
     */
    static boolean traced(Span span) {
        return span.getSpanContext().isValid();
    }

    /**
     * Runs one stage inside a span of its own. Public, as every method called through a CDI client proxy should be:
     * Weld's proxy reaches a package-private method by reflection, which cost a tenth of a small request's CPU here.
     */
    public void stage(Stage stage, Exchange exchange) {
        Span span = tracer().spanBuilder(SPAN_NAMES.get(stage.getClass())).startSpan();
        if (!traced(span)) {
            stage.apply(exchange);
            return;
        }
        try (Scope ignored = span.makeCurrent()) {
            stage.apply(exchange);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Each stage class's span name, made once: naming it on every call cost more than the no-op span. */
    private static final ClassValue<String> SPAN_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return "srooter stage " + name(type);
        }
    };

    /** A stage's name without the CDI proxy's suffix. */
    static String name(Class<?> type) {
        String name = type.getSimpleName();
        int proxy = name.indexOf('$');
        return proxy > 0 ? name.substring(0, proxy) : name;
    }

    /**
     * The request's span and the scope that makes it current; {@code stages} is null when the span is not traced.
     */
    public record Request(Span span, Scope scope, StageSpans stages) implements AutoCloseable {

        /**
         * Runs one of the request's stages, in a span of its own when the request's is traced. When it is not, the
         * tracer is the one that does nothing, and a stage's span would be no better: the stage runs without asking
         * for one. Asking cost 1.7% of the gateway's processor time at 2 KB c=1, in the no-op builder's look for a
         * current span through Liberty's context storage (async-profiler; bench/README.md, "Liberty's HTTP
         * statistics").
         */
        void stage(Stage stage, Exchange exchange) {
            if (stages == null) {
                stage.apply(exchange);
            } else {
                stages.stage(stage, exchange);
            }
        }

        /** Ends the span with what the audit records of the request: endpoint, models, route, status. */
        void finish(Exchange exchange) {
            span.setAttribute("srooter.requested_model", String.valueOf(exchange.requestedModel));
            if (exchange.target != null) {
                span.setAttribute("srooter.served_model", exchange.target.qualifiedName());
            }
            span.setAttribute("http.response.status_code", exchange.status);
            if (exchange.status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            scope.close();
            span.end();
        }
    }
}
