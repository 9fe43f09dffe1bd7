package dev.srooter.server.cortex;

import java.util.List;

/** What one file holds: its definitions and its references, with lines (1-based). */
public record CodeFacts(String path, Language language, int lines, String sha256, List<Definition> definitions,
                        List<Reference> references) {

    /** A class, interface, function or method, or the file's module ({@code kind} module, line 1). */
    public record Definition(String name, String kind, int line, int startByte, int endByte) {
    }

    /**
     * A use of a name: an import, a call, an inheritance or a type; {@code from} is the innermost definition
     * around it (the module when at top level).
     */
    public record Reference(String from, String to, String kind, int line) {
    }
}
