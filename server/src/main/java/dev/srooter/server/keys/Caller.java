package dev.srooter.server.keys;

/** Who sent a gateway request: the key used and the user it belongs to. */
public record Caller(String keyId, String keyName, String userId, String username) {
}
