package dev.srooter.server.translate;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * One piece of a message in the canonical model: what every wire format can say, named once.
 * A codec reads its format's blocks into parts and writes parts back out in its format.
 */
public sealed interface Part {

    /** Text; {@code cacheControl} is Anthropic's prompt-cache breakpoint, kept only where a format can carry it. */
    record Text(String text, JsonObject cacheControl) implements Part {
        public Text(String text) {
            this(text, null);
        }
    }

    /** An image, either inline ({@code mediaType} and base64 {@code data}) or by {@code url}. */
    record Image(String mediaType, String data, String url) implements Part {
        /** The image as a URL: data URLs for inline images, as OpenAI's formats take them. */
        public String asUrl() {
            return url != null ? url : "data:" + mediaType + ";base64," + data;
        }

        /** Reads an OpenAI image URL; {@code data:} URLs become inline images. */
        public static Image fromUrl(String url) {
            if (url.startsWith("data:")) {
                int comma = url.indexOf(',');
                int semicolon = url.indexOf(';');
                if (comma > 0 && semicolon > 0 && semicolon < comma && url.startsWith(";base64", semicolon)) {
                    return new Image(url.substring(5, semicolon), url.substring(comma + 1), null);
                }
            }
            return new Image(null, null, url);
        }
    }

    /** The model asks for a tool; {@code arguments} is the JSON text of the arguments object. */
    record ToolCall(String id, String name, String arguments) implements Part {
    }

    /** What a tool returned, answering the call with {@code callId}; content is text and images. */
    record ToolResult(String callId, List<Part> content, boolean isError) implements Part {
    }

    /**
     * The model's reasoning: readable {@code text} (a summary for OpenAI) and the provider's
     * {@code opaque} state (Anthropic's signature or redacted data, OpenAI's encrypted content),
     * which means something only to the provider that made it. {@code origin} names that provider
     * when srooter knows it (see {@link OpaqueState}); null for state native to the client's format.
     */
    record Thinking(String text, String opaque, boolean redacted, String itemId, String origin) implements Part {
    }
}
