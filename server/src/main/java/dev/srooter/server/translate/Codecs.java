package dev.srooter.server.translate;

import dev.srooter.api.Operation;
import dev.srooter.api.WireFormat;

/** The codec of each wire format, and the operation that carries it. Codecs are stateless: one each. */
public final class Codecs {

    private static final Codec ANTHROPIC = new AnthropicCodec();
    private static final Codec CHAT = new ChatCodec();
    private static final Codec RESPONSES = new ResponsesCodec();

    private Codecs() {
    }

    public static Codec of(WireFormat format) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> ANTHROPIC;
            case OPENAI_CHAT -> CHAT;
            case OPENAI_RESPONSES -> RESPONSES;
        };
    }

    /** The model call that takes a body in this format. */
    public static Operation call(WireFormat format) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> Operation.MESSAGES;
            case OPENAI_CHAT -> Operation.CHAT_COMPLETIONS;
            case OPENAI_RESPONSES -> Operation.RESPONSES;
        };
    }
}
