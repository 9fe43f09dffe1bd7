package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A developer's gateway key, kept only as its SHA-256 and a short hint for people to recognise it. */
@Entity
@Table(name = "gateway_keys")
public class GatewayKey {

    @Id
    public String id;
    public String name;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "key_hint")
    public String keyHint;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
    /** When the key stops working; null: never. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    public GatewayKey() {
    }

    public GatewayKey(String name, String keyHash, String keyHint, String userId, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.keyHash = keyHash;
        this.keyHint = keyHint;
        this.userId = userId;
        this.createdAt = Instant.now();
        this.expiresAt = expiresAt;
    }

    /**
     * Marks the key revoked. Changes to a managed entity go through its own methods: EclipseLink's
     * weaving tracks field writes made inside the entity class, not writes to its fields from outside.
     */
    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /** Makes the key expire at {@code at} at the latest: an earlier expiry stays. */
    public void expireBy(Instant at) {
        if (expiresAt == null || at.isBefore(expiresAt)) {
            expiresAt = at;
        }
    }
}
