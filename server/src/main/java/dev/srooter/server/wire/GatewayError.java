package dev.srooter.server.wire;

/**
 * A request srooter refuses or cannot complete: an HTTP status, a short machine-readable code and a
 * message for the developer. {@link WireErrors} spells it in the caller's own format.
 */
public final class GatewayError extends RuntimeException {

    private final int status;
    private final String code;
    private Long retryAfterSeconds;

    public GatewayError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Tells the client when to try again ({@code retry-after}, in seconds). */
    public GatewayError retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
