package dev.srooter.server.pipeline;

import jakarta.servlet.http.HttpServletResponse;

/** srooter's decisions about a request, shown to the client in {@code x-srooter-*} response headers. */
final class DecisionHeaders {

    private DecisionHeaders() {
    }

    static void write(Exchange exchange) {
        HttpServletResponse response = exchange.response;
        response.setHeader("x-srooter-request-id", exchange.id);
        if (exchange.route != null) {
            response.setHeader("x-srooter-route", exchange.route);
        }
        if (exchange.target != null) {
            response.setHeader("x-srooter-served-model", exchange.target.modelId());
            response.setHeader("x-srooter-provider", exchange.target.account().name());
        }
        if (exchange.classification != null) {
            response.setHeader("x-srooter-intent", exchange.classification.intent().name().toLowerCase(
                    java.util.Locale.ROOT));
            if (exchange.classification.reason() != null) {
                response.setHeader("x-srooter-classifier", exchange.classification.reason());
            }
        }
        if (exchange.attempts.size() > 1) {
            response.setHeader("x-srooter-attempts", exchange.attempts.stream().map(Exchange.Attempt::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        if (!exchange.policyNotes.isEmpty()) {
            response.setHeader("x-srooter-policies", String.join("; ", exchange.policyNotes)
                    .replaceAll("[^\\x20-\\x7e]", "?"));
        }
        if (exchange.risk != null) {
            response.setHeader("x-srooter-risk", exchange.risk.summary().replaceAll("[^\\x20-\\x7e]", "?"));
            response.setHeader("server-timing", "cortex;dur=" + String.format(java.util.Locale.ROOT, "%.3f",
                    exchange.risk.millis()));
        }
        if (!exchange.skills.isEmpty()) {
            response.setHeader("x-srooter-skills", String.join(", ", exchange.skills));
        }
        if (exchange.council) {
            java.util.List<String> members = exchange.councilMembers;
            response.setHeader("x-srooter-council", members == null || members.isEmpty() ? "requested"
                    : "requested: " + String.join(", ", members));
        }
        Translation translation = exchange.translation;
        if (translation != null) {
            response.setHeader("x-srooter-translated", exchange.clientFormat() + "->" + translation.providerFormat());
            if (!translation.dropped().isEmpty()) {
                // header values are ASCII: anything else a client named (a tool type) is replaced
                response.setHeader("x-srooter-dropped", String.join("; ", translation.dropped())
                        .replaceAll("[^\\x20-\\x7e]", "?"));
            }
        }
    }
}
