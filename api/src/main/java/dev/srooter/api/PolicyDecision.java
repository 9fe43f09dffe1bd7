package dev.srooter.api;

/** A policy's answer: allow as is, allow after a rewrite, or deny; {@code detail} says why, in words. */
public record PolicyDecision(Verdict verdict, String detail) {

    public enum Verdict {
        ALLOW, REWRITE, DENY
    }

    private static final PolicyDecision ALLOWED = new PolicyDecision(Verdict.ALLOW, null);

    public static PolicyDecision allow() {
        return ALLOWED;
    }

    /** The request goes on, changed; {@code detail} says what changed (recorded in audit). */
    public static PolicyDecision rewrote(String detail) {
        return new PolicyDecision(Verdict.REWRITE, detail);
    }

    /** The request is refused with 403; {@code detail} tells the developer why. */
    public static PolicyDecision deny(String detail) {
        return new PolicyDecision(Verdict.DENY, detail);
    }
}
