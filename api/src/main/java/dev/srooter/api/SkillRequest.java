package dev.srooter.api;

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

    /** The client's working directory, when its prompt names one (Claude Code and Codex do), else null. */
    String workingDirectory();

    /** The file paths the request mentions (tool call arguments and paths in its text), as written. */
    List<String> paths();
}
