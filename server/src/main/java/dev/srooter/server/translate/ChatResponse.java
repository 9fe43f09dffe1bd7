package dev.srooter.server.translate;

import dev.srooter.server.providers.Usage;
import java.util.List;

/** A complete (non-streamed) answer in the canonical model. */
public record ChatResponse(String id, String model, List<Part> content, StopReason stopReason, Usage usage) {
}
