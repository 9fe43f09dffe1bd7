package dev.srooter.server.skills;

import java.util.regex.Pattern;

/**
 * Path patterns as developers write them: {@code **} any folders, {@code *} any name part, {@code ?} one
 * character; a pattern without a slash matches a file or folder name anywhere ({@code *.sql}, {@code migrations}).
 */
final class Globs {

    private Globs() {
    }

    static Pattern compile(String glob) {
        String g = glob.trim();
        // relative patterns (and names without a slash) match at any depth; an absolute one from the root
        StringBuilder regex = new StringBuilder(g.startsWith("/") ? "" : "(?:.*/)?");
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
                    i++;
                    regex.append("/?");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        regex.append("(?:/.*)?"); // a folder matches the files below it
        return Pattern.compile(regex.toString());
    }

    static boolean matches(String glob, String path) {
        return compile(glob).matcher(path.replace('\\', '/')).matches();
    }
}
