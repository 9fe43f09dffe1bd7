package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import dev.srooter.server.wire.JsonScan;
import dev.srooter.server.wire.TokenEstimate;

/**
 * The fields srooter itself reads from a request, refused up front when absurd (a 400 in the caller's format)
 * rather than stored, priced or passed on: a model name of thousands of characters once failed its audit batch
 * and took other callers' records with it; a negative {@code max_tokens} once fitted under any budget cap and
 * lowered everyone else's holds.
 */
final class RequestLimits {

    /** Longer than any model id a provider lists (the audit column is 255). */
    static final int MODEL_CHARS = 200;

    /** Far above any model's output limit: a bound on what a client may ask, not a model's real limit. */
    static final long MAX_OUTPUT_TOKENS = 1_000_000;

    private RequestLimits() {
    }

    /** Checks the fields {@link ReadRequest} noted; throws a 400 that says which field and why. */
    static void check(WireFormat format, JsonScan.TopLevel json, String model) {
        if (model.length() > MODEL_CHARS) {
            throw new GatewayError(400, "invalid_model", "'model' is longer than " + MODEL_CHARS + " characters.");
        }
        for (int k = 0; k < model.length(); k++) {
            if (Character.isISOControl(model.charAt(k))) {
                throw new GatewayError(400, "invalid_model", "'model' contains a control character.");
            }
        }
        String stream = json.raw("stream");
        if (stream != null && !stream.equals("true") && !stream.equals("false") && !stream.equals("null")) {
            throw new GatewayError(400, "invalid_stream", "'stream' must be true or false.");
        }
        String field = outputTokensField(format, json);
        if (field != null && json.has(field)) {
            String raw = json.raw(field).trim();
            long value;
            try {
                value = raw.equals("null") ? 1 : Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new GatewayError(400, "invalid_max_tokens", "'" + field + "' must be a whole number.");
            }
            if (value < 1 || value > MAX_OUTPUT_TOKENS) {
                throw new GatewayError(400, "invalid_max_tokens", "'" + field + "' must be between 1 and "
                        + MAX_OUTPUT_TOKENS + ".");
            }
        }
    }

    /** The output limit the client set, in the field its format uses (and the codecs translate), or null. */
    static String outputTokensField(WireFormat format, JsonScan.TopLevel json) {
        if (format == null) {
            return null;
        }
        switch (format) {
            case ANTHROPIC_MESSAGES:
                return "max_tokens";
            case OPENAI_RESPONSES:
                return "max_output_tokens";
            case OPENAI_CHAT:
                return json.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
            default:
                return null;
        }
    }

    /**
     * The most output the request can cost on {@code target}: what the client asked for (checked above), or the
     * default when it asked for nothing, and never more than the model can produce.
     */
    static long outputTokens(Exchange exchange, Target target) {
        long asked = TokenEstimate.DEFAULT_OUTPUT_TOKENS;
        JsonScan.TopLevel json = exchange.body.scan();
        String field = outputTokensField(exchange.clientFormat(), json);
        if (field != null && json.has(field)) {
            try {
                asked = Long.parseLong(json.raw(field).trim());
            } catch (NumberFormatException e) {
                asked = TokenEstimate.DEFAULT_OUTPUT_TOKENS; // null: the provider's default applies
            }
        }
        asked = Math.max(1, Math.min(asked, MAX_OUTPUT_TOKENS));
        Integer limit = target == null || target.capabilities() == null ? null : target.capabilities().maxOutput();
        return limit != null && limit > 0 ? Math.min(asked, limit) : asked;
    }
}
