package dev.srooter.server.translate;

import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;

/**
 * The member names and short values that every request of the wire formats repeats ({@code "type": "text"},
 * {@code "role": "user"}, a tool's JSON Schema), read by {@link JsonBytes} as one shared {@code String} and
 * {@code JsonString} each instead of new ones per request. A 2 KB Messages body has about forty names and fifteen such
 * values: 2.7 of the 52 KB a request allocated (bench/README.md, "Less garbage a request"). The words are fixed, so
 * what a client sends can neither grow the table nor evict from it.
 */
final class CommonStrings {

    /** One shared word: the text and the JSON value of it. */
    record Word(String text, JsonString json) {
    }

    private static final String[] WORDS = {
        // Anthropic Messages
        "model", "max_tokens", "stream", "system", "messages", "role", "content", "type", "text", "cache_control",
        "ephemeral", "ttl", "tools", "name", "description", "input_schema", "tool_choice", "tool_use", "tool_result",
        "tool_use_id", "id", "input", "is_error", "thinking", "redacted_thinking", "signature", "data", "metadata",
        "user_id", "temperature", "top_p", "top_k", "stop_sequences", "image", "document", "source", "media_type",
        "base64", "url", "user", "assistant", "auto", "any", "none", "enabled", "budget_tokens", "display",
        "context_management", "edits", "keep", "output_config", "effort", "citations", "server_tool_use",
        // OpenAI Chat and Responses
        "function", "parameters", "arguments", "tool_calls", "tool_call_id", "max_completion_tokens",
        "reasoning_effort", "stream_options", "include_usage", "image_url", "detail", "developer", "tool", "strict",
        "n", "stop", "seed", "response_format", "json_schema", "parallel_tool_calls", "instructions", "input_text",
        "output_text", "input_image", "message", "function_call", "function_call_output", "call_id", "output",
        "reasoning", "summary", "summary_text", "encrypted_content", "include", "store", "status", "completed",
        "previous_response_id", "max_output_tokens", "prompt_cache_key", "service_tier", "format", "verbosity",
        "low", "medium", "high", "xhigh", "minimal", "required",
        // JSON Schema, in every tool's parameters
        "object", "string", "number", "integer", "boolean", "array", "null", "properties", "items", "enum",
        "additionalProperties", "default", "minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength",
        "minItems", "maxItems", "pattern", "$schema", "anyOf", "oneOf", "allOf", "const", "title", "$ref", "$defs",
        "http://json-schema.org/draft-07/schema#",
        // arguments of coding agents' own tools
        "file_path", "path", "command", "timeout", "old_string", "new_string", "replace_all", "offset", "limit",
    };

    /** The longest word, in bytes: a longer string is never looked up. */
    static final int LONGEST;
    private static final int MASK = 511;
    private static final Word[] TABLE = new Word[MASK + 1];

    static {
        JsonProvider json = JsonProvider.provider();
        int longest = 0;
        for (String word : WORDS) {
            byte[] bytes = word.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (TABLE[slot] != null && !TABLE[slot].text.equals(word)) {
                slot = (slot + 1) & MASK;
            }
            TABLE[slot] = new Word(word, json.createValue(word));
            longest = Math.max(longest, bytes.length);
        }
        LONGEST = longest;
    }

    private CommonStrings() {
    }

    /** The word that {@code length} bytes at {@code start} spell, or null. */
    static Word find(byte[] b, int start, int length) {
        if (length == 0 || length > LONGEST) {
            return null;
        }
        int slot = hash(b, start, length) & MASK;
        Word word;
        while ((word = TABLE[slot]) != null) {
            if (spells(word.text, b, start, length)) {
                return word;
            }
            slot = (slot + 1) & MASK;
        }
        return null;
    }

    private static boolean spells(String word, byte[] b, int start, int length) {
        if (word.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (word.charAt(k) != b[start + k]) { // non-ASCII bytes are negative: never equal to a word's characters
                return false;
            }
        }
        return true;
    }

    private static int hash(byte[] b, int start, int length) {
        int h = length;
        for (int k = start; k < start + length; k++) {
            h = 31 * h + b[k];
        }
        return h ^ (h >>> 9);
    }
}
