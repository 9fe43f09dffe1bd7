package dev.srooter.server.wire;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Usage;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads token usage from a provider's answer in any wire format, plain or streamed, into one
 * {@link Usage}. Streams report usage in pieces (Anthropic: input in {@code message_start}, output
 * in {@code message_delta}); a later report of a field replaces an earlier one.
 */
public final class UsageReader {

    /** Made once: {@code Json.createReader} looks its provider up on every call, which costs more than the parse. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private Long input;
    private Long output;
    private Long cacheRead;
    private Long cacheWrite;
    private final WireFormat format;

    public UsageReader(WireFormat format) {
        this.format = format;
    }

    /** Usage of a plain (non-streamed) JSON answer; none if it carries no usage or cannot be read. */
    public static Usage fromBody(WireFormat format, byte[] body) {
        UsageReader reader = new UsageReader(format);
        reader.accept(body);
        return reader.usage();
    }

    /** Takes one JSON document (a body or one event's data) and keeps any usage it reports. */
    public void accept(byte[] json) {
        accept(json, 0, json.length);
    }

    /**
     * The same for the document at {@code bytes[offset..offset+length)}. It is read from a String: a reader over an
     * InputStream decodes through a fresh 8 KB buffer for every document, which for small stream events was a tenth
     * of all the bytes the gateway allocated under load (JFR allocation profile, bench/README.md).
     */
    public void accept(byte[] bytes, int offset, int length) {
        JsonObject root;
        try (JsonReader reader = READERS.createReader(new StringReader(new String(bytes, offset, length,
                StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                return;
            }
            root = value.asJsonObject();
        } catch (RuntimeException unreadable) {
            return; // usage is bookkeeping: an unreadable event must not break the answer
        }
        accept(root);
    }

    /** Takes one document already read (a whole answer the relay has parsed for other readers too). */
    public void accept(JsonObject root) {
        JsonObject usage = usageOf(root);
        if (usage != null) {
            acceptUsage(usage);
        }
    }

    /** Usage of a plain (non-streamed) answer already read; none if it carries no usage. */
    public static Usage fromAnswer(WireFormat format, JsonObject answer) {
        UsageReader reader = new UsageReader(format);
        reader.accept(answer);
        return reader.usage();
    }

    /** Takes one {@code usage} object of this reader's format (the translation codecs hand theirs here). */
    public void acceptUsage(JsonObject usage) {
        switch (format) {
            case ANTHROPIC_MESSAGES -> {
                input = number(usage, "input_tokens", input);
                output = number(usage, "output_tokens", output);
                cacheRead = number(usage, "cache_read_input_tokens", cacheRead);
                cacheWrite = number(usage, "cache_creation_input_tokens", cacheWrite);
            }
            case OPENAI_CHAT -> acceptOpenAi(usage, "prompt_tokens", "prompt_tokens_details", "completion_tokens");
            case OPENAI_RESPONSES -> acceptOpenAi(usage, "input_tokens", "input_tokens_details", "output_tokens");
        }
    }

    /** OpenAI counts cached tokens inside the input total; srooter counts them apart. */
    private void acceptOpenAi(JsonObject usage, String inputField, String detailsField, String outputField) {
        Long all = number(usage, inputField, null);
        if (all != null) {
            JsonObject details = object(usage, detailsField);
            Long cached = details == null ? null : number(details, "cached_tokens", null);
            if (cached == null) {
                cached = number(usage, "prompt_cache_hit_tokens", 0L); // DeepSeek names its cache reads so
            }
            input = all - cached;
            cacheRead = cached;
        }
        output = number(usage, outputField, output);
    }

    public Usage usage() {
        return new Usage(orZero(input), orZero(output), orZero(cacheRead), orZero(cacheWrite));
    }

    /** Usage sits at the top ({@code usage}), in a message ({@code message_start}) or a response ({@code response.completed}). */
    private static JsonObject usageOf(JsonObject root) {
        for (JsonObject holder : new JsonObject[] {root, object(root, "message"), object(root, "response")}) {
            JsonObject usage = object(holder, "usage");
            if (usage != null) {
                return usage;
            }
        }
        return null;
    }

    private static JsonObject object(JsonObject parent, String name) {
        if (parent == null) {
            return null;
        }
        JsonValue value = parent.get(name);
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT ? value.asJsonObject() : null;
    }

    private static Long number(JsonObject object, String name, Long otherwise) {
        JsonValue value = object.get(name);
        return value instanceof JsonNumber n ? Long.valueOf(n.longValue()) : otherwise;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
