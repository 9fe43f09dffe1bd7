package dev.srooter.server.cortex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The areas of code where a change is risky whatever its size, each a tag with path and symbol patterns
 * ({@code *} any text; matched case-insensitively against a file's path and a symbol's name). Admins replace
 * the defaults with {@code PUT /api/cortex/sensitive}.
 */
public final class Sensitivity {

    public static final Map<String, List<String>> DEFAULTS;

    static {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("authentication", List.of("*/auth/*", "*auth*", "*login*", "*session*", "*jwt*", "*oauth*", "*password*",
                "*token*"));
        d.put("payments", List.of("*/payments/*", "*payment*", "*charge*", "*billing*", "*invoice*", "*refund*",
                "*ledger*"));
        d.put("migrations", List.of("*/migrations/*", "*/migration/*", "*.sql", "*/db/v*"));
        d.put("security-configuration", List.of("*/security/*", "*security*", "*server.xml", "*.pem", "*crypt*",
                "*secret*"));
        d.put("ci", List.of(".github/workflows/*", "*.gitlab-ci.yml", "*jenkinsfile", ".ci/*", "*/.ci/*"));
        d.put("dependency-manifests", List.of("*pom.xml", "*package.json", "*package-lock.json", "*go.mod", "*go.sum",
                "*requirements*.txt", "*pyproject.toml", "*build.gradle*"));
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private final Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
    /** Answers already worked out: the same paths and names come back request after request. */
    private final Map<String, List<String>> known = new java.util.concurrent.ConcurrentHashMap<>();

    public Sensitivity(Map<String, List<String>> tags) {
        tags.forEach((tag, globs) -> patterns.put(tag, globs.stream().map(Sensitivity::compile).toList()));
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            if (regex.length() > 0 || glob.startsWith("*")) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        String r = regex.toString();
        if (glob.startsWith("*") && r.startsWith(".*.*")) {
            r = r.substring(2);
        }
        return Pattern.compile(r);
    }

    /** The tags whose patterns match a path or a name. */
    public List<String> tagsOf(String pathOrName) {
        if (known.size() > 100_000) {
            known.clear();
        }
        return known.computeIfAbsent(pathOrName, this::match);
    }

    private List<String> match(String pathOrName) {
        String subject = pathOrName.toLowerCase(Locale.ROOT).replace('\\', '/');
        return patterns.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(p -> p.matcher(subject)
                .matches())).map(Map.Entry::getKey).toList();
    }
}
