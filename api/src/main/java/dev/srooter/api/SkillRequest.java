package dev.srooter.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The request as a skill sees it. */
public interface SkillRequest {

    String username();

    /** The caller's team, or null. */
    String team();

    /** trivial, substantive, architecture or security; null before classification (always so for refusals). */
    String intent();

    WireFormat format();

    /** The request body as the client sent it (JSON text), for skills that scan it. */
    String body();

    /**
     * The same body as the client's bytes (UTF-8 JSON), read-only, for a skill that looks for ASCII markers first: a
     * coding agent's body is tens of kilobytes, and decoding it into {@link #body()} on every request is that much
     * garbage and copying; ASCII text is the same bytes in UTF-8, and every other character's bytes are 128 or
     * more. The default encodes {@link #body()}; srooter gives the bytes it read, without a copy.
     */
    default ByteBuffer bodyBytes() {
        return ByteBuffer.wrap(body().getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    /** The client's working directory, when its prompt names one (Claude Code and Codex do), else null. */
    String workingDirectory();

    /** The file paths the request mentions (tool call arguments and paths in its text), as written. */
    List<String> paths();
}
