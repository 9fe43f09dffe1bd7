package dev.srooter.server.pipeline;

import dev.srooter.api.Operation;
import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Target;
import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Codec;
import dev.srooter.server.translate.Codecs;
import dev.srooter.server.translate.Crossing;
import dev.srooter.server.translate.Envelopes;
import dev.srooter.server.translate.Js;
import dev.srooter.server.translate.OpaqueState;
import dev.srooter.server.translate.Untranslatable;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.Reply;
import dev.srooter.server.wire.TokenEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the body the provider gets. When the provider speaks the client's format that is the client's
 * own bytes (with the model renamed when an alias or {@code provider/model} name was used, and srooter's
 * reasoning envelopes opened); otherwise the request is read into the canonical model by the client
 * format's codec and written out by the provider format's codec.
 */
@ApplicationScoped
public class Translate implements AttemptStep {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Translate.class.getName());

    /** The provider format used when the client's is not spoken: the richest one first. */
    private static final List<WireFormat> PREFERENCE = List.of(WireFormat.ANTHROPIC_MESSAGES,
            WireFormat.OPENAI_CHAT, WireFormat.OPENAI_RESPONSES);

    @Override
    public Skip check(Exchange exchange, Target target, boolean last) {
        WireFormat clientFormat = exchange.clientFormat();
        // a provider that answers only as a stream is asked for one, and its stream collected for a client that
        // did not ask for one: the translating relay does that, so such a request goes that way even in one format
        boolean collect = target.provider().streamsOnly() && !exchange.stream;
        if (target.speaks(clientFormat) && !collect) {
            passThrough(exchange, target);
            return null;
        }
        if (exchange.operation == Operation.COUNT_TOKENS) {
            estimateTokens(exchange);
            return null;
        }
        try {
            translate(exchange, target, clientFormat);
            return null;
        } catch (GatewayError untranslatable) {
            return Skip.of(untranslatable); // another model of the chain may take the request in its format
        }
    }

    private static void translate(Exchange exchange, Target target, WireFormat clientFormat) {
        WireFormat providerFormat = PREFERENCE.stream().filter(target::speaks).findFirst().orElseThrow();
        Codec client = Codecs.of(clientFormat);
        Codec provider = Codecs.of(providerFormat);
        JsonObject clientBody = exchange.body.tree();
        ChatRequest request;
        try {
            // read again only when the canonical form could not be made: for the reason why
            request = exchange.body.canonical().orElseGet(() -> client.readRequest(clientBody));
        } catch (Untranslatable e) {
            throw untranslatable(e, target, providerFormat);
        } catch (GatewayError e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(exchange, e, clientFormat);
        }
        List<String> dropped = new ArrayList<>(request.dropped());
        request = request.keepReasoningOf(target.account().name(), dropped);
        JsonObject upstream;
        try {
            upstream = provider.writeRequest(request, new Crossing(target.account().name(), target.modelId(),
                    target.provider().chatMaxTokensField(target.account())));
        } catch (Untranslatable e) {
            throw untranslatable(e, target, providerFormat);
        } catch (GatewayError e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(exchange, e, clientFormat);
        }
        if (target.provider().streamsOnly()) {
            upstream = Js.object(upstream).add("stream", true).build();
        }
        exchange.upstreamBody = Js.bytes(upstream, exchange.body.length() + 1024);
        exchange.translation = new Translation(providerFormat, client, provider, clientBody, List.copyOf(dropped));
    }

    private static void passThrough(Exchange exchange, Target target) {
        RequestBody body = exchange.body;
        if (OpaqueState.mentioned(body.bytes())) {
            JsonObject opened = Envelopes.open(body.tree(), exchange.clientFormat(), target.account().name());
            exchange.upstreamBody = Js.bytes(Js.object(opened).add("model", target.modelId()).build(),
                    body.length() + 1024);
            return;
        }
        exchange.upstreamBody = target.modelId().equals(exchange.requestedModel)
                ? body.bytes() : body.scan().withString("model", target.modelId());
    }

    /**
     * A body that is JSON but not what its format allows where a codec looks (a tool result whose id is a number,
     * a message that is a string) is the client's error, a 400, not srooter's 500. Which field tripped which
     * codec is logged, so that a codec that should have said so itself can be taught to.
     */
    private static GatewayError unreadable(Exchange exchange, RuntimeException e, WireFormat clientFormat) {
        LOG.log(java.util.logging.Level.WARNING, "srooter: request " + exchange.id + " could not be translated", e);
        return new GatewayError(400, "invalid_request", "srooter could not read this " + clientFormat + " request:"
                + " a field has a type or value the format does not allow (" + e.getClass().getSimpleName() + ").");
    }

    private static GatewayError untranslatable(Untranslatable e, Target target, WireFormat providerFormat) {
        return new GatewayError(400, "untranslatable", "srooter cannot carry " + e.what() + " to model '"
                + target.modelId() + "' of provider '" + target.account().name() + "', which takes "
                + providerFormat + " requests; remove it or choose a model whose provider accepts this format.");
    }

    /**
     * Anthropic's {@code count_tokens} for a model behind another format, which has no such call: srooter's token
     * estimate of the request, so that Claude Code's context bookkeeping keeps working. The route says it is an
     * estimate.
     */
    private static void estimateTokens(Exchange exchange) {
        long estimate = TokenEstimate.inputTokens(exchange.body.length());
        byte[] answer = ("{\"input_tokens\":" + estimate + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.decisions.add(new Decision.Estimated());
        exchange.status = 200;
        exchange.answered = true;
        DecisionHeaders.write(exchange);
        if (!Reply.json(exchange.response, 200, answer)) {
            exchange.status = 499;
            exchange.errorCode = "client_closed_request";
        }
    }
}
