package dev.srooter.plugins.classifier;

import dev.srooter.api.ClassifierInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a request into the sparse features the model weighs: the developer's words (and pairs of words),
 * the words of the newest tool output, and cheap signals: which lexicon the words fall in (security,
 * architecture, small edits), how long the ask is, whether tools are offered at all.
 */
final class Features {

    static final int DIMENSIONS = 1 << 16;

    /** Words that mark each kind of work; a signal the trained layer can lean on when the words are new to it. */
    private static final Set<String> SECURITY = Set.of("auth", "authentication", "authorization", "authorize",
            "login", "password", "passwords", "token", "tokens", "jwt", "oauth", "saml", "sso", "csrf", "xss",
            "injection", "inject", "secret", "secrets", "credential", "credentials", "encrypt", "encryption",
            "encrypted", "tls", "ssl", "certificate", "certificates", "vulnerability", "vulnerabilities",
            "vulnerable", "cve", "exploit", "exploited", "permission", "permissions", "rbac", "privilege",
            "privileges", "sanitize", "escape", "hash", "hashing", "bcrypt", "md5", "iam", "vault", "kms", "2fa",
            "totp", "brute", "lockout", "redact", "mask", "ssrf", "traversal", "hsts",
            "signature", "signatures", "signing", "replay", "security", "secure", "insecure", "leaked", "xxe",
            "attack", "attacks", "harden", "firewall", "policies", "cookie", "cookies", "pii",
            "least", "scopes", "rotate", "keystore", "deserialization", "pickle", "eval", "enumeration");
    private static final Set<String> ARCHITECTURE = Set.of("architecture", "architect", "design", "designs",
            "migrate", "migration", "migrations", "schema", "schemas", "service", "services", "microservice",
            "microservices", "monolith", "boundaries", "boundary", "event", "events", "kafka", "queue",
            "sharding", "shard", "partition", "partitions", "module", "modules", "modular", "plugin", "plugins",
            "strategy", "plan", "trade", "offs", "layer", "layers", "layered", "cqrs", "saga", "sourcing",
            "region", "regions", "failover", "tenancy", "tenant", "multi", "versioning", "backward", "compatible",
            "monorepo", "dependency", "dependencies", "decompose", "decomposition", "split", "restructure",
            "propose", "evaluate", "adr", "domain", "aggregate", "contract", "contracts", "gateway", "rollout",
            "infrastructure", "scalable", "scale", "sync", "pipeline", "warehouse", "downtime", "deployable");
    private static final Set<String> SMALL = Set.of("typo", "rename", "format", "summarize", "summary",
            "title", "spell", "spelling", "indentation", "whitespace", "comment", "comments", "readme", "docstring",
            "what", "how", "which", "explain", "meaning", "mean", "shortcut", "bump", "uppercase", "capitalize",
            "alphabetically", "alphabetize", "emoji", "semicolon", "haiku", "translate", "slug", "briefly",
            "markdown", "docs", "heading", "wording", "reword", "punctuation");
    /** Words of ordinary code work: writing, fixing and testing code. */
    private static final Set<String> CODE = Set.of("implement", "fix", "bug", "error", "exception", "crash",
            "failing", "fails", "test", "tests", "refactor", "function", "method", "class", "endpoint", "query",
            "performance", "optimize", "memory", "render", "renders", "component", "parse", "support", "handle",
            "retry", "cache", "configurable", "validation", "returns", "null", "async", "thread", "race");

    private Features() {
    }

    /** The hashed feature indexes of a request; repeats are kept (a word said twice weighs twice). */
    static int[] of(ClassifierInput input) {
        List<String> names = new ArrayList<>();
        List<String> words = words(input.lastUser());
        String previous = "^";
        int security = 0;
        int architecture = 0;
        int small = 0;
        int code = 0;
        for (String w : words) {
            names.add("u:" + w);
            names.add("b:" + previous + "_" + w);
            if (w.length() > 5) {
                names.add("s:" + w.substring(0, 5)); // a crude stem: memoize, memoized, memoization
            }
            previous = w;
            code += CODE.contains(w) ? 1 : 0;
            security += SECURITY.contains(w) ? 1 : 0;
            architecture += ARCHITECTURE.contains(w) ? 1 : 0;
            small += SMALL.contains(w) ? 1 : 0;
        }
        for (String w : words(input.toolResults())) {
            names.add("r:" + w);
            security += SECURITY.contains(w) ? 1 : 0;
            architecture += ARCHITECTURE.contains(w) ? 1 : 0;
        }
        names.add("lex:security:" + Math.min(security, 3));
        names.add("lex:architecture:" + Math.min(architecture, 3));
        names.add("lex:small:" + Math.min(small, 3));
        names.add("lex:code:" + Math.min(code, 3));
        int length = words.size();
        names.add("len:" + (length < 8 ? "short" : length < 18 ? "medium" : "long"));
        names.add(input.toolNames() == null || input.toolNames().isEmpty() ? "tools:none" : "tools:some");
        names.add("bias");
        int[] indexes = new int[names.size()];
        for (int k = 0; k < indexes.length; k++) {
            indexes[k] = Math.floorMod(names.get(k).hashCode() * 0x9E3779B1, DIMENSIONS);
        }
        return indexes;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String lower = text.length() > 4000 ? text.substring(0, 4000).toLowerCase(Locale.ROOT)
                : text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int k = 0; k <= lower.length(); k++) {
            char c = k < lower.length() ? lower.charAt(k) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (start < 0) {
                    start = k;
                }
            } else if (start >= 0) {
                words.add(lower.substring(start, k));
                start = -1;
            }
        }
        return words;
    }
}
