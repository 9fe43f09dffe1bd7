package dev.srooter.server.council;

import java.util.Locale;

/** What a council member, and the council, concludes about a change or a plan. */
public enum Verdict {
    APPROVE, CONCERNS, REJECT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict a member wrote, or null when it wrote none of the three. */
    static Verdict of(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Verdict v : values()) {
            if (t.equals(v.wire()) || t.equals(v.wire() + "s") || t.equals(v.wire() + "d")) {
                return v;
            }
        }
        return t.equals("concern") ? CONCERNS : null;
    }
}
