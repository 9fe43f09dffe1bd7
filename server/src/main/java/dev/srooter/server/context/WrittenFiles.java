package dev.srooter.server.context;

import dev.srooter.server.translate.ChatRequest;
import dev.srooter.server.translate.Message;
import dev.srooter.server.translate.Part;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files an agent's last round of tool calls wrote, read from the request that carries their results back (so
 * only calls that ran are counted): Claude Code's Edit, MultiEdit, Write and NotebookEdit, and Codex's apply_patch
 * (as its own tool, or inside a shell call), and in a shell call the files a command plainly writes: a redirect
 * ({@code > f}, {@code >> f}), {@code tee f}, {@code sed -i ... f}, and the target of {@code cp}, {@code mv},
 * {@code touch} and {@code rm}. A path only counts when Cortex knows the file, which weeds out what this misreads.
 */
public final class WrittenFiles {

    private static final Set<String> EDITS = Set.of("Edit", "MultiEdit", "Write", "NotebookEdit", "str_replace_editor",
            "create_file", "edit_file", "write_file");
    private static final Pattern PATH = Pattern.compile("\"(?:file_path|notebook_path|path)\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PATCHED = Pattern.compile("\\*\\*\\* (?:Update|Add|Delete) File: ([^\\n\\\\\"]+)");

    private static final Set<String> SHELLS = Set.of("Bash", "shell", "local_shell", "exec_command", "container.exec",
            "run_terminal_cmd", "bash");
    private static final Pattern COMMAND = Pattern.compile("\"(?:command|cmd)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\])");
    private static final Pattern WRITES = Pattern.compile(
            ">>?\\s*([\\w./-]+)"                                                   // > f, >> f
            + "|\\btee\\s+(?:-a\\s+)?([\\w./-]+)"                                     // tee f
            + "|\\bsed\\s+-i(?:\\S*)\\s+(?:'[^']*'|\"[^\"]*\"|\\S+)(?:\\s+-e\\s+\\S+)*\\s+([\\w./-]+)" // sed -i expr f
            + "|\\b(?:cp|mv)\\s+(?:-\\w+\\s+)*\\S+\\s+([\\w./-]+)"                      // cp a f, mv a f
            + "|\\b(?:touch|rm)\\s+(?:-\\w+\\s+)*([\\w./-]+)");                       // touch f, rm f

    private WrittenFiles() {
    }

    /** The paths written, as the tool calls name them (absolute or relative), in order, each once. */
    public static List<String> byLastRound(ChatRequest request) {
        List<Message> messages = request.messages();
        int i = messages.size() - 1;
        while (i >= 0 && messages.get(i).role() != Message.Role.ASSISTANT) {
            i--;
        }
        if (i < 0 || i == messages.size() - 1) {
            return List.of(); // no round of tool calls whose results came back
        }
        Set<String> paths = new LinkedHashSet<>();
        for (Part part : messages.get(i).parts()) {
            if (part instanceof Part.ToolCall call && call.arguments() != null) {
                String args = call.arguments();
                if (EDITS.contains(call.name())) {
                    Matcher m = PATH.matcher(args);
                    if (m.find()) {
                        paths.add(m.group(1));
                    }
                }
                Matcher patch = PATCHED.matcher(args.length() > 200_000 ? args.substring(0, 200_000) : args);
                while (patch.find()) {
                    paths.add(patch.group(1).trim());
                }
                if (SHELLS.contains(call.name())) {
                    Matcher command = COMMAND.matcher(args.length() > 20_000 ? args.substring(0, 20_000) : args);
                    if (command.find()) {
                        // the command as a shell would read it: JSON escapes undone, an argument list joined
                        shellWrites(command.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", " ")
                                .replace("\",\"", " "), paths);
                    }
                }
            }
        }
        return List.copyOf(paths);
    }

    private static void shellWrites(String command, Set<String> paths) {
        Matcher m = WRITES.matcher(command);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                String path = m.group(g);
                if (path != null && !path.equals("/dev/null") && !path.startsWith("-") && !path.matches("\\d+")) {
                    paths.add(path);
                }
            }
        }
    }
}
