package dev.srooter.server.wire;

import dev.srooter.api.WireFormat;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a whole (not streamed) answer: status, content type, length and body, in that order. Every answer srooter
 * writes or relays whole goes through here; decision headers are set by the caller before.
 */
public final class Reply {

    private Reply() {
    }

    /**
     * A JSON answer. Returns false when the client had gone away (the caller records it); the status is set
     * either way.
     */
    public static boolean json(HttpServletResponse response, int status, byte[] body) {
        response.setStatus(status);
        response.setContentType("application/json");
        return body(response, body);
    }

    /** An error in the client's own format, with {@code retry-after} when the error has one. */
    public static boolean error(HttpServletResponse response, WireFormat format, GatewayError error) {
        if (error.retryAfterSeconds() != null) {
            response.setHeader("retry-after", String.valueOf(error.retryAfterSeconds()));
        }
        return json(response, error.status(), WireErrors.body(format, error));
    }

    /** The body of an answer whose status and content type are already set (a provider's, relayed). */
    public static boolean body(HttpServletResponse response, byte[] body) {
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            return true;
        } catch (IOException clientGone) {
            return false;
        }
    }
}
