package dev.srooter.server.pipeline;

import dev.srooter.api.ClassifierInput;
import dev.srooter.server.council.Council;
import dev.srooter.server.council.Verdict;
import dev.srooter.server.cortex.BlastRadius;
import dev.srooter.server.routing.RuleBook;
import dev.srooter.server.translate.ChatResponse;
import dev.srooter.server.translate.Part;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.Reply;
import dev.srooter.server.wire.WireErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * After the answer: when the request was flagged for the council and its answer ends the task's turn (it calls no
 * tool: the change or the plan is done), the council sits on it. Out of band by default, the answer having gone to
 * the developer; in blocking mode the answer was held ({@link HoldForCouncil}) and goes out only now: released
 * with the verdict in {@code x-srooter-council-verdict}; on a reject, as the admin chose, refused in the client's
 * format ({@code refuse}), released with the council's concerns put first in the answer ({@code concerns}), or
 * released as it is ({@code release}). A council that does not conclude in time lets
 * the answer go (the review still concludes and is recorded). A turn whose answer calls a tool is still working.
 */
@ApplicationScoped
public class Convene implements Stage {

    @Inject
    Council council;

    @Inject
    RuleBook rules;

    @Override
    public void apply(Exchange exchange) {
        HeldResponse held = exchange.response instanceof HeldResponse h ? h : null;
        String verdict = null;
        try {
            Council.Case review = reviewable(exchange);
            if (review == null) {
                return;
            }
            if (held == null) {
                council.convene(review);
                return;
            }
            RuleBook.CouncilBlocking blocking = rules.councilBlocking();
            Optional<Council.Conclusion> concluded = council.sitAndWait(review, Duration.ofSeconds(
                    blocking == null ? 30 : blocking.waitSeconds()));
            verdict = concluded.map(c -> c.verdict().wire()).orElse("pending");
            String onReject = blocking == null ? "refuse" : blocking.onReject();
            if (concluded.isPresent() && concluded.get().verdict() == Verdict.REJECT) {
                if ("refuse".equals(onReject)) {
                    refuse(exchange, held, review.id());
                    held = null;
                } else if ("concerns".equals(onReject)) {
                    concernsFirst(exchange, held, review, concluded.get());
                    held = null;
                }
            }
        } finally {
            if (held != null) {
                exchange.response = held.client();
                if (!held.release("x-srooter-council-verdict", verdict == null ? "not reviewed" : verdict)) {
                    clientClosed(exchange);
                }
            }
        }
    }

    /**
     * The rejected answer goes out with the council's concerns as its first text; the note the next turn would
     * carry is taken, the agent having read the concerns already.
     */
    private void concernsFirst(Exchange exchange, HeldResponse held, Council.Case review, Council.Conclusion ended) {
        byte[] rewritten = ConcernsFirst.body(exchange, ConcernsFirst.of(exchange.answer,
                ConcernsFirst.preface(review.id(), ended.concerns())));
        council.takeNote(review.session());
        exchange.response = held.client();
        if (!held.release(rewritten, "x-srooter-council-verdict", "reject")) {
            clientClosed(exchange);
        }
    }

    /** What the council is to review, or null when it does not sit on this answer. */
    private Council.Case reviewable(Exchange exchange) {
        ChatResponse answer = exchange.answer;
        if (answer == null || exchange.status != 200 || exchange.decisions.council().isEmpty() || !council.seated()) {
            return null;
        }
        if (answer.content().stream().anyMatch(p -> p instanceof Part.ToolCall)) {
            return null; // the turn goes on
        }
        StringBuilder text = new StringBuilder();
        answer.content().stream().filter(p -> p instanceof Part.Text).forEach(p -> text.append(((Part.Text) p).text()));
        String ask = exchange.body.canonical().map(Classify::input).map(ClassifierInput::lastUser).orElse("");
        BlastRadius.Risk risk = exchange.decisions.risk();
        List<String> neighbourhood = risk == null ? List.of() : risk.neighbourhood();
        String task = exchange.task == null ? null : exchange.task.id();
        return new Council.Case(Council.reviewId(task, exchange.id), task, exchange.id, exchange.caller,
                exchange.decisions.councilTrigger(), ask, text.toString(), neighbourhood, CouncilNote.session(exchange));
    }

    /** The held answer is dropped; the client is told, in its own format, that the council rejected it. */
    private static void refuse(Exchange exchange, HeldResponse held, String reviewId) {
        held.discard();
        exchange.response = held.client();
        GatewayError error = new GatewayError(403, "council_rejected", "srooter's review council rejected this answer"
                + " (review " + reviewId + "): GET /api/council/reviews/" + reviewId + " has each member's reasons."
                + " Revise the request, or ask an admin.");
        exchange.status = error.status();
        exchange.errorCode = error.code();
        DecisionHeaders.write(exchange); // the request id, route and task, as on any answer
        exchange.response.setHeader("x-srooter-council-verdict", "reject");
        if (!Reply.json(exchange.response, error.status(), WireErrors.body(exchange.clientFormat(), error))) {
            clientClosed(exchange);
        }
    }

    private static void clientClosed(Exchange exchange) {
        exchange.status = 499;
        exchange.errorCode = "client_closed_request";
    }
}
