package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.cortex.BlastRadius;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;

/** srooter's decisions about a request, rendered for the client as {@code x-srooter-*} response headers. */
final class DecisionHeaders {

    private DecisionHeaders() {
    }

    static void write(Exchange exchange) {
        HttpServletResponse response = exchange.response;
        Decisions decisions = exchange.decisions;
        response.setHeader("x-srooter-request-id", exchange.id);
        decisions.task().ifPresent(t -> {
            response.setHeader("x-srooter-task", t.task());
            response.setHeader("x-srooter-task-turn", String.valueOf(t.turn()));
        });
        decisions.last(Decision.TaskGuarded.class).ifPresent(g -> response.setHeader("x-srooter-task-guard",
                ascii(g.action() + "; " + g.why())));
        if (exchange.target != null) {
            response.setHeader("x-srooter-route", ascii(decisions.route()));
            response.setHeader("x-srooter-served-model", exchange.target.modelId());
            response.setHeader("x-srooter-provider", exchange.target.account().name());
        }
        Classification classification = decisions.classification();
        if (classification != null) {
            response.setHeader("x-srooter-intent", decisions.intent());
            if (classification.reason() != null) {
                response.setHeader("x-srooter-classifier", ascii(classification.reason()));
            }
        }
        if (decisions.attemptCount() > 1) {
            response.setHeader("x-srooter-attempts", ascii(decisions.attempts()));
        }
        set(response, "x-srooter-policies", decisions.policies());
        BlastRadius.Risk risk = decisions.risk();
        if (risk != null) {
            response.setHeader("x-srooter-risk", ascii(risk.summary()));
            response.setHeader("server-timing", "cortex;dur=" + String.format(Locale.ROOT, "%.3f", risk.millis()));
        }
        set(response, "x-srooter-skills", decisions.skills());
        if (decisions.council().isPresent()) {
            // the review's id when a council can sit; said plainly when none can, rather than promising a review
            response.setHeader("x-srooter-council", decisions.councilSits()
                    ? "review " + dev.srooter.server.council.Council.reviewId(
                            exchange.task == null ? null : exchange.task.id(), exchange.id)
                    : "not convened: no council members are configured");
        }
        if (exchange.councilNote != null) {
            response.setHeader("x-srooter-council-note", exchange.councilNote.reviewId());
        }
        String context = decisions.contextNotes();
        if (context != null) {
            response.setHeader("x-srooter-context", ascii(context));
        }
        Translation translation = exchange.translation;
        if (translation != null) {
            response.setHeader("x-srooter-translated", exchange.clientFormat() + "->" + translation.providerFormat());
            set(response, "x-srooter-dropped", translation.dropped().isEmpty() ? null
                    : String.join("; ", translation.dropped()));
        }
    }

    private static void set(HttpServletResponse response, String name, String value) {
        if (value != null) {
            response.setHeader(name, ascii(value));
        }
    }

    /** Header values are ASCII: anything else a client or admin named (a tool type, a policy's words) is replaced. */
    private static String ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return value.replaceAll("[^\\x20-\\x7e]", "?");
            }
        }
        return value;
    }
}
