package dev.srooter.server.council;

import java.util.List;
import java.util.Locale;

/**
 * How the members' verdicts make the council's. {@code majority}: the verdict most members gave (a tie goes to the
 * stricter); {@code any-reject}: one reject rejects, else one concern raises concerns, else approve. Members that
 * failed or gave no verdict do not vote; a council where nobody voted concludes with concerns, never approve.
 */
public enum CombineRule {
    MAJORITY, ANY_REJECT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CombineRule of(String text) {
        for (CombineRule r : values()) {
            if (r.wire().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("rule is majority or any-reject");
    }

    public Verdict combine(List<Verdict> votes) {
        int[] count = new int[Verdict.values().length];
        int cast = 0;
        for (Verdict v : votes) {
            if (v != null) {
                count[v.ordinal()]++;
                cast++;
            }
        }
        if (cast == 0) {
            return Verdict.CONCERNS; // nobody could review: not a pass
        }
        if (this == ANY_REJECT) {
            return count[Verdict.REJECT.ordinal()] > 0 ? Verdict.REJECT
                    : count[Verdict.CONCERNS.ordinal()] > 0 ? Verdict.CONCERNS : Verdict.APPROVE;
        }
        Verdict best = Verdict.REJECT; // ties go to the stricter verdict
        for (Verdict v : new Verdict[] {Verdict.REJECT, Verdict.CONCERNS, Verdict.APPROVE}) {
            if (count[v.ordinal()] > count[best.ordinal()]) {
                best = v;
            }
        }
        return best;
    }
}
