package dev.srooter.server.pipeline;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A human turn that only tells the agent to go on ("yes", "go ahead", "continue", "do it", "lgtm"): it asks for what
 * was asked before, so the classifier reads the earlier ask with it. Short on purpose: a sentence that says what to
 * do is an ask of its own.
 */
final class Continuation {

    private static final Pattern BARE = Pattern.compile("^(?:(?:yes|yeah|yep|yup|y|ok|okay|k|sure|right|great|perfect|"
            + "good|fine|cool|nice|thanks|thank you|please|pls|lgtm|approved|agreed|correct|exactly|go|go ahead|go on|"
            + "continue|proceed|carry on|keep going|next|do it|do that|do so|please do|sounds good|looks good|ship it|"
            + "make it so|let's do it|let's go|implement it|implement that|implement the plan|apply it|apply that|"
            + "apply the changes|same for the rest|sí|si|claro|dale|adelante|continúa|continua|ja|jep|weiter|mach weiter|"
            + "mach das|los|oui|vas-y|continue|d'accord|sim|pode|vai|prosegui|avanti|va bene)[\\s,.!]*)+$");

    private Continuation() {
    }

    /** Whether {@code ask} only says to go on. */
    static boolean bare(String ask) {
        if (ask == null) {
            return false;
        }
        String text = ask.strip().toLowerCase(Locale.ROOT);
        return !text.isEmpty() && text.length() <= 60 && BARE.matcher(text).matches();
    }
}
