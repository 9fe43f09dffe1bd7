package dev.srooter.server.keys;

/** Who sent a gateway request: the key used, the user it belongs to, and the user's team (may be null). */
public record Caller(String keyId, String keyName, String userId, String username, String team) {
}
