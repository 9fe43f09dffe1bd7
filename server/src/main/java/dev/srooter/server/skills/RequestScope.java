package dev.srooter.server.skills;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request works: the working directory its client states in the prompt (Claude Code's "Primary
 * working directory:", Codex's {@code <cwd>}), and the files it names in tool calls (Claude Code's
 * {@code file_path}/{@code path}, Codex's {@code *** Update File:} patch lines), read from the JSON text.
 */
public final class RequestScope {

    private static final Pattern WORKING_DIRECTORY = Pattern.compile(
            "(?:[Ww]orking directory: |<cwd>)([^\\s\"<\\\\]+)");
    private static final Pattern PATH_ARGUMENT = Pattern.compile(
            "\\\\?\"(?:file_path|path|notebook_path|filename|file)\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)");
    private static final Pattern PATCH_FILE = Pattern.compile("\\*\\*\\* (?:Update|Add|Delete) File: ([^\\\\\"\\n]+)");

    private RequestScope() {
    }

    public static String workingDirectory(String body) {
        // literal searches first: a regular expression tried at every position of a 60 KB body costs
        for (String marker : new String[] {"orking directory: ", "<cwd>"}) {
            int at = body.indexOf(marker);
            if (at >= 0) {
                Matcher m = WORKING_DIRECTORY.matcher(body);
                if (m.find(Math.max(0, at - 1))) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    public static List<String> paths(String body) {
        Set<String> paths = new LinkedHashSet<>();
        for (Pattern p : new Pattern[] {PATH_ARGUMENT, PATCH_FILE}) {
            Matcher m = p.matcher(body);
            while (m.find()) {
                paths.add(m.group(1).trim());
            }
        }
        return new ArrayList<>(paths);
    }

    /** A path as written and, when it lies under the working directory, relative to it. */
    static List<String> forms(String path, String workingDirectory) {
        List<String> forms = new ArrayList<>(2);
        forms.add(path);
        if (workingDirectory != null) {
            String root = workingDirectory.endsWith("/") ? workingDirectory : workingDirectory + "/";
            if (path.startsWith(root)) {
                forms.add(path.substring(root.length()));
            }
        }
        return forms;
    }
}
