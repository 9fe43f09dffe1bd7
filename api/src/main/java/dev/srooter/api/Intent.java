package dev.srooter.api;

/**
 * What a request is for, as routing sees it: {@code TRIVIAL} work (titles, summaries, formatting, a quick
 * lookup) can go to a cheap or local model; {@code SUBSTANTIVE} work (writing and fixing code) stays on
 * the model asked for; {@code ARCHITECTURE} (design, cross-cutting changes) and {@code SECURITY}
 * (authentication, secrets, permissions, vulnerabilities) go to the best model and may convene a council.
 */
public enum Intent {
    TRIVIAL, SUBSTANTIVE, ARCHITECTURE, SECURITY
}
