package dev.srooter.server.pipeline;

import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;

/**
 * One check (or preparation) every candidate model of the attempt chain passes before it is sent the request,
 * the first candidate and each fallback alike ({@link Dispatch} lists them in order). A step that fails says why
 * the candidate is skipped, and with what error the client is answered if no other candidate serves.
 */
interface AttemptStep {

    /** Null to go on with this candidate ({@code exchange.target}); otherwise why it is skipped. */
    Skip check(Exchange exchange, Target candidate, boolean last);

    /** Why a candidate was skipped: the reason shown among the attempts, and the error if it was the last. */
    record Skip(String reason, GatewayError error) {
        static Skip of(GatewayError error) {
            return new Skip(error.code(), error);
        }
    }
}
