package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One credential of a provider account, sealed ({@link dev.srooter.server.security.SecretBox}); only its
 * hint is ever shown. {@code state} is {@code ok}, or {@code bad} once the provider refused it (401/403).
 */
@Entity
@Table(name = "provider_credentials")
public class ProviderCredential {

    @Id
    public String id;
    @Column(name = "provider_id")
    public String providerId;
    public String secret;
    public String hint;
    public String state;
    @Column(name = "state_reason")
    public String stateReason;
    @Column(name = "created_at")
    public Instant createdAt;
    /** {@code key} (an API key), or {@code subscription} (a plan's OAuth tokens, sealed as one JSON document). */
    public String kind = "key";
    /** When a subscription's access token expires; null for a key. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    public ProviderCredential() {
    }

    public ProviderCredential(String providerId, String sealedSecret, String hint) {
        this.id = UUID.randomUUID().toString();
        this.providerId = providerId;
        this.secret = sealedSecret;
        this.hint = hint;
        this.state = "ok";
        this.createdAt = Instant.now();
    }

    @Override
    public String toString() {
        return "ProviderCredential[id=" + id + ", provider=" + providerId + ", hint=" + hint + ", state=" + state + "]";
    }
}
