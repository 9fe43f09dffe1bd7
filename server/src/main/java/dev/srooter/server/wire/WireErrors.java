package dev.srooter.server.wire;

import dev.srooter.api.WireFormat;
import java.nio.charset.StandardCharsets;

/** Error bodies in each client's own wire format, as its SDK expects to parse them. */
public final class WireErrors {

    private WireErrors() {
    }

    public static byte[] body(WireFormat format, GatewayError error) {
        String message = JsonScan.quote(error.getMessage());
        String json = format == WireFormat.ANTHROPIC_MESSAGES
                ? "{\"type\":\"error\",\"error\":{\"type\":\"" + anthropicType(error.status())
                        + "\",\"message\":" + message + "}}"
                : "{\"error\":{\"message\":" + message + ",\"type\":\"" + openAiType(error.status())
                        + "\",\"param\":null,\"code\":\"" + error.code() + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** An error event that ends a stream which has already begun. */
    public static String streamEvent(WireFormat format, GatewayError error) {
        String message = JsonScan.quote(error.getMessage());
        return switch (format) {
            case ANTHROPIC_MESSAGES -> "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\""
                    + anthropicType(error.status()) + "\",\"message\":" + message + "}}\n\n";
            case OPENAI_CHAT -> "data: {\"error\":{\"message\":" + message + ",\"type\":\""
                    + openAiType(error.status()) + "\",\"param\":null,\"code\":\"" + error.code() + "\"}}\n\n";
            case OPENAI_RESPONSES -> "event: error\ndata: {\"type\":\"error\",\"code\":\"" + error.code()
                    + "\",\"message\":" + message + ",\"param\":null}\n\n";
        };
    }

    static String anthropicType(int status) {
        return switch (status) {
            case 400, 405, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    static String openAiType(int status) {
        if (status == 401) {
            return "authentication_error";
        }
        if (status == 429) {
            return "rate_limit_exceeded";
        }
        return status < 500 ? "invalid_request_error" : "server_error";
    }
}
