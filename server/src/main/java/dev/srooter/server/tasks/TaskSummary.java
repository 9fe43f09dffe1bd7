package dev.srooter.server.tasks;

import java.time.Instant;
import java.util.List;

/**
 * One agent task as the audit log tells it: who ran it, what its human turn was classified as, how many turns it
 * took, which models served it, what it cost, and whether the task guard acted on it ({@code guard}: the last
 * action, or null).
 */
public record TaskSummary(String task, String username, String team, String intent, int turns, long requests,
                          List<String> models, double costUsd, Instant startedAt, Instant lastAt, double durationMs,
                          String guard) {
}
