package dev.srooter.server.providers;

import java.io.IOException;

/**
 * A provider's answer that began and then went wrong in a way srooter bounds: it fell silent for longer than the
 * provider's timeout, or grew larger than an answer may be. Thrown as an IOException from where the bytes are
 * read, so that every reader already handles it; {@link #code()} says which.
 */
public final class UpstreamFault extends IOException {

    private final String code;

    private UpstreamFault(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The provider fell silent within its answer for longer than it may. */
    static UpstreamFault idle(long idleMillis) {
        return new UpstreamFault("upstream_idle", "The provider sent nothing for " + idleMillis / 1000.0
                + " s in the middle of its answer.");
    }

    /** The provider's whole answer is larger than srooter takes. */
    static UpstreamFault tooLarge(long maxBytes) {
        return new UpstreamFault("upstream_too_large", "The provider's answer is larger than this gateway takes ("
                + maxBytes + " bytes).");
    }

    /** {@code upstream_idle} or {@code upstream_too_large}. */
    public String code() {
        return code;
    }

    /** The fault in a failure's causes, or null. */
    static UpstreamFault in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UpstreamFault) {
                return (UpstreamFault) t;
            }
        }
        return null;
    }
}
