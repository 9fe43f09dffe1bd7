package dev.srooter.server.ops;

import dev.srooter.server.store.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What srooter exports at {@code /metrics} (MicroProfile Metrics, Prometheus text format), taken from every audit
 * record as it is queued, so that gateway requests and srooter's own calls (council members) count alike: requests
 * and their latency by endpoint, status and route kind; tokens and cost by model and team; fallbacks, council and
 * learned-route activity; and, read when scraped, the audit writer's backlog and the smallest budget headroom.
 *
 * <p>Labels are kept few and bounded: the route is reduced to its kind (the first word srooter writes for it), a status
 * to its class, a model to the id a provider serves, a team to its name or {@code none}.
 */
@ApplicationScoped
public class GatewayMetrics {

    @Inject
    MetricRegistry registry;

    private final Map<String, DoubleAdder> costs = new ConcurrentHashMap<>();
    private final Map<Series, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    /** Registers the gauges read when Prometheus scrapes. */
    public void start(Supplier<Number> auditBacklog, Supplier<Number> budgetHeadroom) {
        registry.gauge(Metadata.builder().withName("srooter_audit_queue_depth")
                .withDescription("Audit records queued and not yet written").build(), auditBacklog);
        registry.gauge(Metadata.builder().withName("srooter_budget_headroom_min_usd")
                .withDescription("USD left under the budget cap closest to being spent (-1: no cap set)").build(),
                budgetHeadroom);
        timer("srooter_audit_paced"); // listed from the start, at zero: a node that has never had to wait says so
    }

    /** The heap margin in force (0 bytes when it is off) and the full collections it has called. */
    public void heapMargin(java.util.Optional<OldGenerationMargin> margin) {
        registry.gauge(Metadata.builder().withName("srooter_heap_margin_bytes")
                .withDescription("The old generation's free space under which srooter calls a full collection"
                        + " (SROOTER_HEAP_MARGIN_MB; 0: off)").build(), () -> margin.map(m -> m.margin()).orElse(0L));
        registry.gauge(Metadata.builder().withName("srooter_heap_margin_collections")
                .withDescription("Full collections srooter has called because the old generation had less than the"
                        + " margin free").build(), () -> margin.map(m -> m.collections()).orElse(0L));
    }

    /**
     * An audit sink's records waiting for it and those it dropped for being too far behind (SinkOutbox), read when
     * scraped: a sink whose receiver is away shows first as a growing {@code waiting}, and {@code dropped} is what
     * to alert on.
     */
    public void auditSink(String sink, Supplier<Number> waiting, Supplier<Number> dropped) {
        Tag tag = new Tag("sink", label(sink));
        registry.gauge(Metadata.builder().withName("srooter_audit_sink_waiting")
                .withDescription("Audit records stored and waiting for this sink").build(), waiting, tag);
        registry.gauge(Metadata.builder().withName("srooter_audit_sink_dropped")
                .withDescription("Audit records this sink missed since the node started, for being too far behind"
                        + " (the database has them)").build(), dropped, tag);
    }

    /**
     * A request thread waited this long after its answer for the audit writer to catch up (AuditLog.pace): not part
     * of the request's recorded latency, which ends before it, so counted here.
     */
    public void paced(long nanos) {
        timer("srooter_audit_paced").update(Duration.ofNanos(nanos));
    }

    /** Counts one audit record: a request through the gateway, or one of srooter's own calls. */
    public void observe(AuditRecord r) {
        String endpoint = label(r.endpoint);
        String status = r.status >= 100 && r.status < 600 ? STATUS_CLASSES[r.status / 100] : "none";
        String route = routeKind(r.route);
        counter("srooter_requests", "endpoint", endpoint, "status", status, "route", route).inc();
        timer("srooter_request_duration", "endpoint", endpoint, "status", status)
                .update(Duration.ofNanos((long) (r.latencyMs * 1_000_000)));
        String model = label(r.servedModel);
        String team = r.team == null || r.team.isBlank() ? "none" : label(r.team);
        if (r.inputTokens > 0) {
            counter("srooter_tokens", "model", model, "team", team, "direction", "input").inc(r.inputTokens);
        }
        if (r.outputTokens > 0) {
            counter("srooter_tokens", "model", model, "team", team, "direction", "output").inc(r.outputTokens);
        }
        if (r.costUsd > 0) {
            cost(model, team).add(r.costUsd);
        }
        String text = r.route == null ? "" : r.route;
        if (text.contains("fallback")) {
            counter("srooter_fallbacks", "model", model).inc();
        }
        if ("council".equals(endpoint)) {
            counter("srooter_council_member_calls", "status", status).inc();
        }
        if (text.startsWith("learned") || text.contains(" learned")) {
            counter("srooter_learned_routes", "model", model).inc();
        }
    }

    /**
     * The registry's counter of a name and labels (name, value, name, value, ...), looked up there once: its lookup
     * builds and checks every tag, which was a twentieth of a small request's CPU when done for each record.
     */
    private Counter counter(String name, String... labels) {
        Series key = key(name, labels);
        Counter known = counters.get(key); // before computeIfAbsent, whose capturing function is made at every call
        return known != null ? known : counters.computeIfAbsent(key, k -> registry.counter(name, tags(labels)));
    }

    /** The same for a timer. */
    private Timer timer(String name, String... labels) {
        Series key = key(name, labels);
        Timer known = timers.get(key);
        return known != null ? known : timers.computeIfAbsent(key, k -> registry.timer(name, tags(labels)));
    }

    private static final String[] STATUS_CLASSES = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

    /**
     * A series as the maps key it: its name and its labels, compared by value. The labels are the array the call
     * made, not joined into a new string for every record.
     */
    private record Series(String name, List<String> labels) {
    }

    private static Series key(String name, String... labels) {
        return new Series(name, Arrays.asList(labels));
    }

    private static Tag[] tags(String... labels) {
        Tag[] tags = new Tag[labels.length / 2];
        for (int t = 0; t < tags.length; t++) {
            tags[t] = new Tag(labels[2 * t], labels[2 * t + 1]);
        }
        return tags;
    }

    private DoubleAdder cost(String model, String team) {
        return costs.computeIfAbsent(model + "\u0000" + team, k -> {
            DoubleAdder sum = new DoubleAdder();
            registry.gauge(Metadata.builder().withName("srooter_cost_usd")
                    .withDescription("USD spent since the server started, by model and team").build(),
                    sum, DoubleAdder::sum, new Tag("model", model), new Tag("team", team));
            return sum;
        });
    }

    /** The kind of a route: "intent", "requested", "learned", "council", "fallback", ... (its first word). */
    static String routeKind(String route) {
        if (route == null || route.isBlank()) {
            return "none";
        }
        // by hand rather than by patterns: a Matcher (and its arrays) per call, for every record, for nothing a loop
        // cannot say
        String text = route.trim();
        int end = 0;
        while (end < text.length() && !separates(text.charAt(end))) {
            end++;
        }
        String first = text.substring(0, end).toLowerCase(Locale.ROOT);
        if (first.isEmpty() || first.length() > 20) {
            return "other";
        }
        for (int i = 0; i < first.length(); i++) {
            if (first.charAt(i) < 'a' || first.charAt(i) > 'z') {
                return "other";
            }
        }
        return first;
    }

    /** What ends a route's first word: white space, ':', ';', '(', '>' or '-'. */
    private static boolean separates(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == ':' || c == ';'
                || c == '(' || c == '>' || c == '-';
    }

    /** A label value Prometheus takes, bounded: at most 100 characters, quotes and newlines out. */
    static String label(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        String bounded = value.length() > 100 ? value.substring(0, 100) : value;
        char[] clean = null;
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r') {
                if (clean == null) {
                    clean = bounded.toCharArray();
                }
                clean[i] = '_';
            }
        }
        return clean == null ? bounded : new String(clean);
    }
}
