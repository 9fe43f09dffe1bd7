package dev.srooter.server.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids that sort by time ({@code req_} + 12 hex digits of epoch milliseconds + 16 random hex
 * digits): the audit table's primary key index then grows at its end instead of splitting pages all
 * over, and ids read in order. They identify, they do not authenticate, so a fast random source will do.
 */
public final class RequestIds {

    private RequestIds() {
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    public static String next() {
        String millis = HEX.toHexDigits(System.currentTimeMillis()).substring(4); // 12 digits: until year 10889
        return "req_" + millis + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
