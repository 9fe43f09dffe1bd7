package dev.srooter.server.council;

import dev.srooter.server.translate.Js;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * What a council member is asked, and how its answer is read. The member sees the developer's ask, the answer the
 * agent got and, where Cortex knows the code, the names of the symbols around the change (never their content);
 * it answers with one JSON object: {@code {"verdict": "approve"|"concerns"|"reject", "reasons": "..."}}.
 */
final class ReviewPrompt {

    static final String SYSTEM = "You are one member of a review council for changes made by an AI coding agent."
            + " Review the developer's request and the agent's answer for correctness, security and design risk."
            + " Answer with one JSON object and nothing else: {\"verdict\": \"approve\" | \"concerns\" | \"reject\","
            + " \"reasons\": \"at most three short sentences\"}. Reject only what must not ship.";

    /** Texts are cut to this many characters: a review needs the gist, and members are paid per token. */
    static final int MAX_TEXT = 12_000;

    private ReviewPrompt() {
    }

    static String user(String trigger, String ask, String answer, List<String> neighbourhood) {
        StringBuilder out = new StringBuilder("Why this is reviewed: ").append(trigger).append(" work.\n\n");
        out.append("The developer asked:\n").append(cut(ask)).append("\n\n");
        out.append("The agent answered:\n").append(cut(answer)).append('\n');
        if (neighbourhood != null && !neighbourhood.isEmpty()) {
            out.append("\nCode around the change (names from the code graph): ")
                    .append(String.join(", ", neighbourhood.subList(0, Math.min(40, neighbourhood.size())))).append('\n');
        }
        return out.toString();
    }

    /** The member's verdict and reasons; a verdict of null when the answer holds none. */
    static Review.Member read(String model, String text, double latencyMs, double costUsd) {
        String json = text == null ? "" : text.strip();
        int start = json.indexOf('{');
        int end = json.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                JsonObject object = Js.parse(json.substring(start, end + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Verdict verdict = Verdict.of(object.getString("verdict", null));
                String reasons = object.getString("reasons", "");
                if (verdict != null) {
                    return new Review.Member(model, verdict, cut(reasons, 1000), null, latencyMs, costUsd);
                }
            } catch (RuntimeException notJson) {
                // read as a plain word below
            }
        }
        Verdict word = Verdict.of(json.split("\\s+", 2)[0].replaceAll("[^A-Za-z]", ""));
        return word != null ? new Review.Member(model, word, cut(json, 1000), null, latencyMs, costUsd)
                : new Review.Member(model, null, null, "no verdict in the answer", latencyMs, costUsd);
    }

    private static String cut(String text) {
        return cut(text, MAX_TEXT);
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + " [cut]";
    }
}
