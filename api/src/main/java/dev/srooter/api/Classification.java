package dev.srooter.api;

/**
 * A classifier's answer.
 *
 * @param intent     the intent it chose
 * @param confidence how sure it is, from 0 to 1
 * @param reason     a few words on why, for the audit (never request content)
 */
public record Classification(Intent intent, double confidence, String reason) {
}
