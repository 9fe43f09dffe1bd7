package dev.srooter.server.wire;

/**
 * srooter's one estimate of a request's size in tokens where no tokenizer is at hand (budget holds, context
 * windows, count_tokens for a provider that cannot count). Text averages about four bytes a token; a token per
 * three bytes of request JSON keeps the estimate on the high side, which a budget hold and a context window fit
 * both want.
 */
public final class TokenEstimate {

    /** Output tokens assumed when a request sets no limit. */
    public static final long DEFAULT_OUTPUT_TOKENS = 4096;

    private TokenEstimate() {
    }

    public static long inputTokens(long requestBytes) {
        return requestBytes / 3 + 1;
    }
}
