package dev.srooter.server.context;

import java.time.Instant;

/**
 * What a finished task turn did to one file, content-free: the file and its symbols' names as Cortex knows them,
 * which task, whose, when, for what intent by which route, and the council's verdict once it has one.
 */
public record Trace(String task, String repo, String file, String symbols, String username, String team,
                    String intent, String route, String council, Instant changedAt) {
}
