package dev.srooter.server.security;

import java.util.regex.Pattern;

/**
 * Whether a setting or a JSON member holds a secret, by its name: passwords, keys, tokens, credentials and
 * authorization headers. Such values are masked wherever srooter shows them and sealed wherever it stores them.
 */
public final class SecretNames {

    /** What srooter shows in place of a secret; sent back unchanged, it keeps the stored secret. */
    public static final String MASK = "***";

    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|apikey|api_key|api-key|token|"
            + "credential|^key$|^keys$|authorization|private).*");

    private SecretNames() {
    }

    public static boolean secret(String name) {
        return name != null && SECRET.matcher(name).matches();
    }
}
