package dev.srooter.server.learn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decision a learned rule made for one task (an agent's turn with its loop): which model for which context, for
 * whom, whether it explored, and what is needed to credit later signals to it: the task it opened, the task before it
 * in the same conversation, the model the developer asked for and a fingerprint of the ask ({@link AskPrint}).
 * {@code signals}: the kinds already credited, comma-separated.
 */
public record Decided(String id, String task, String parentTask, String context, String model, String requestedModel,
                      String username, boolean explored, long askPrint, String signals, Instant at) {

    /** The signals credited so far, in the order they came. */
    public List<Signal> heard() {
        List<Signal> heard = new ArrayList<>();
        for (String s : signals.split(",")) {
            for (Signal known : Signal.values()) {
                if (known.wire().equals(s)) {
                    heard.add(known);
                }
            }
        }
        return heard;
    }

    public int count(Signal signal) {
        return Collections.frequency(heard(), signal);
    }
}
