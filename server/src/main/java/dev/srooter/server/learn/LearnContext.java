package dev.srooter.server.learn;

/**
 * What a learned decision is made for: the intent, the risk bucket ({@code none} when Cortex knows nothing of the
 * code, else {@code low}, {@code medium}, {@code high}), the repository area where Cortex knows it
 * ({@code repo:top-folder}, else {@code -}) and the caller's team ({@code -} for none). Its key is how it is
 * stored; the intent alone is the coarse context a finer one starts from.
 */
public record LearnContext(String intent, String risk, String area, String team) {

    public String key() {
        return intent + "|" + risk + "|" + area + "|" + team;
    }

    /** The intent-wide context every finer one of the intent also counts in. */
    public String coarse() {
        return coarseOf(intent);
    }

    public static String coarseOf(String intent) {
        return intent + "|*|*|*";
    }

    /** The coarse key of any stored key. */
    public static String coarseOfKey(String key) {
        int bar = key.indexOf('|');
        return coarseOf(bar < 0 ? key : key.substring(0, bar));
    }

    public static boolean isCoarse(String key) {
        return key.endsWith("|*|*|*");
    }

    public static LearnContext parse(String key) {
        String[] p = key.split("\\|", -1);
        if (p.length != 4 || p[0].isEmpty()) {
            throw new IllegalArgumentException("a context is intent|risk|area|team: " + key);
        }
        return new LearnContext(p[0], p[1], p[2], p[3]);
    }
}
