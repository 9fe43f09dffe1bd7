package dev.srooter.server.council;

import java.time.Instant;
import java.util.List;

/**
 * One sitting of the council: which task turn it reviewed (and the request that ended it), why it sat (the intent,
 * or {@code risk}), each member's verdict, and the council's. {@code verdict} is null while it sits.
 */
public record Review(String id, String task, String requestId, String username, String team, String trigger,
                     String rule, Verdict verdict, List<Member> members, Instant createdAt, Instant concludedAt) {

    /** One member's review: its verdict (null when it failed), reasons or the failure, latency and cost. */
    public record Member(String model, Verdict verdict, String reasons, String error, double latencyMs,
                         double costUsd) {
    }

    public double costUsd() {
        return members.stream().mapToDouble(Member::costUsd).sum();
    }
}
