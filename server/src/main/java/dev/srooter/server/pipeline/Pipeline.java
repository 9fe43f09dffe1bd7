package dev.srooter.server.pipeline;

import dev.srooter.server.plugins.PluginHost;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.Reply;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What srooter does with a request, in order. Reading {@link #order()} tells what the gateway does;
 * each stage is one small class. The closing stages run for every request, refused ones included,
 * so that each leaves exactly one audit record.
 */
@ApplicationScoped
@OneInterceptionContext // its services' client proxies then allocate nothing a call (see there)
public class Pipeline {

    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    @Inject Authenticate authenticate;
    @Inject Limit limit;
    @Inject ReadRequest readRequest;
    @Inject Guard guard;
    @Inject Track track;
    @Inject Classify classify;
    @Inject Gauge gauge;
    @Inject ResolveModel resolveModel;
    @Inject Enforce enforce;
    @Inject Route route;
    @Inject LoopGuard loopGuard;
    @Inject Budget budget;
    @Inject Dispatch dispatch;
    @Inject ListModels listModels;
    @Inject Account account;
    @Inject Settle settle;
    @Inject EndTurn endTurn;
    @Inject Learn learn;
    @Inject Recall recall;
    @Inject Trace trace;
    @Inject Convene convene;
    @Inject CouncilNote councilNote;
    @Inject HoldForCouncil holdForCouncil;
    @Inject RecordAudit recordAudit;
    @Inject PluginHost plugins;
    @Inject StageSpans spans;
    @Inject BeanManager beans;

    private List<Stage> modelCall;
    private List<Stage> modelListing;
    private List<Stage> closing;

    @PostConstruct
    void order() {
        // dispatch runs the attempt chain: each candidate model passes its own steps (Dispatch.order)
        // the stages themselves, called without their client proxies (see Unproxied)
        modelCall = Unproxied.instances(beans, List.of(authenticate, limit, readRequest, guard, track, councilNote,
                classify, gauge, resolveModel, enforce, route, recall, loopGuard, budget, holdForCouncil, dispatch));
        modelListing = Unproxied.instances(beans, List.of(authenticate, listModels));
        closing = Unproxied.instances(beans, List.of(account, settle, endTurn, learn, trace, convene, recordAudit));
        spans = Unproxied.instance(beans, spans);
    }

    /** A call to a model: messages, count_tokens, chat completions, responses. */
    public void call(Exchange exchange) {
        run(exchange, modelCall);
    }

    /** {@code GET /v1/models}. */
    public void listModels(Exchange exchange) {
        run(exchange, modelListing);
    }

    private void run(Exchange exchange, List<Stage> stages) {
        try (PluginHost.Lease lease = plugins.lease(); StageSpans.Request span = spans.request(exchange)) {
            exchange.plugins = lease;
            runStages(exchange, stages, span);
            span.finish(exchange);
        }
    }

    private void runStages(Exchange exchange, List<Stage> stages, StageSpans.Request span) {
        try {
            for (Stage stage : stages) {
                if (exchange.answered) {
                    break;
                }
                span.stage(stage, exchange);
            }
        } catch (GatewayError error) {
            refuse(exchange, error);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "srooter: request " + exchange.id + " failed", bug);
            refuse(exchange, new GatewayError(500, "internal_error",
                    "srooter failed on this request; the server log has details under " + exchange.id + "."));
        } finally {
            exchange.endNanos = System.nanoTime();
            for (Stage stage : closing) {
                try {
                    span.stage(stage, exchange);
                } catch (RuntimeException bug) {
                    LOG.log(Level.SEVERE, "srooter: closing stage failed for " + exchange.id, bug);
                }
            }
        }
    }

    private static void refuse(Exchange exchange, GatewayError error) {
        exchange.status = error.status();
        exchange.errorCode = error.code();
        if (exchange.response.isCommitted()) {
            return; // a stream already under way reports its own end (Relay)
        }
        exchange.response.reset();
        DecisionHeaders.write(exchange);
        Reply.error(exchange.response, exchange.clientFormat(), error); // a client gone: the audit still says what happened
    }
}
