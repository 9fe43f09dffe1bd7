package dev.srooter.server.limits;

/**
 * Requests and tokens counted over the last sixty seconds, in one-second slots. Thread-safe; cheap enough to
 * touch on every request.
 */
final class MinuteWindow {

    private static final int SLOTS = 60;
    private final long[] second = new long[SLOTS];
    private final long[] requests = new long[SLOTS];
    private final long[] tokens = new long[SLOTS];

    /**
     * Counts a request if the window is under both limits (null: no limit), in one step: a check and a count made
     * apart once let a burst of concurrent requests all pass a limit. Returns null when counted, else what is over
     * ({@code requests} or {@code tokens}).
     */
    synchronized String admit(long nowSecond, Integer requestLimit, Integer tokenLimit) {
        if (requestLimit != null && sum(requests, nowSecond) >= requestLimit) {
            return "requests";
        }
        if (tokenLimit != null && sum(tokens, nowSecond) >= tokenLimit) {
            return "tokens";
        }
        addRequest(nowSecond);
        return null;
    }

    /** Takes back a request counted at {@code nowSecond}, when another of the caller's limits refused it. */
    synchronized void withdraw(long nowSecond) {
        int i = (int) (nowSecond % SLOTS);
        if (second[i] == nowSecond && requests[i] > 0) {
            requests[i]--;
        }
    }

    private void addRequest(long nowSecond) {
        slot(nowSecond);
        requests[(int) (nowSecond % SLOTS)]++;
    }

    synchronized void addTokens(long nowSecond, long count) {
        slot(nowSecond);
        tokens[(int) (nowSecond % SLOTS)] += count;
    }

    /** Seconds until the count of {@code requests} (true) or tokens falls below {@code limit} again. */
    synchronized long secondsUntilBelow(long nowSecond, long limit, boolean ofRequests) {
        long[] counts = ofRequests ? requests : tokens;
        long total = sum(counts, nowSecond);
        for (long age = SLOTS - 1; age >= 0 && total >= limit; age--) {
            long s = nowSecond - age;
            int i = (int) (Math.floorMod(s, SLOTS));
            if (second[i] == s) {
                total -= counts[i];
            }
            if (total < limit) {
                return SLOTS - age; // the slot that is `age` seconds old leaves the window in 60 - age seconds
            }
        }
        return SLOTS;
    }

    /** Requests and tokens counted over the last minute. */
    synchronized long[] totals(long nowSecond) {
        return new long[] {sum(requests, nowSecond), sum(tokens, nowSecond)};
    }

    private void slot(long nowSecond) {
        int i = (int) (nowSecond % SLOTS);
        if (second[i] != nowSecond) {
            second[i] = nowSecond;
            requests[i] = 0;
            tokens[i] = 0;
        }
    }

    private long sum(long[] counts, long nowSecond) {
        long total = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (nowSecond - second[i] < SLOTS) {
                total += counts[i];
            }
        }
        return total;
    }
}
