package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A model a provider account reported when its models were discovered. */
@Entity
@Table(name = "provider_models")
public class ProviderModel {

    @Id
    public String id;
    @Column(name = "provider_id")
    public String providerId;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "discovered_at")
    public Instant discoveredAt;
    /** {@code active}, or {@code vanished} when the provider's listing stopped naming it (not served then). */
    public String status = "active";
    @Column(name = "last_seen")
    public Instant lastSeen;
    // An admin's overrides of the catalogue, per million tokens; null keeps the catalogue's value.
    @Column(name = "override_input")
    public Double overrideInput;
    @Column(name = "override_output")
    public Double overrideOutput;
    @Column(name = "override_cache_read")
    public Double overrideCacheRead;
    @Column(name = "override_cache_write")
    public Double overrideCacheWrite;
    @Column(name = "override_context")
    public Integer overrideContext;

    public ProviderModel() {
    }

    public ProviderModel(String providerId, String modelId, String displayName) {
        this.id = UUID.randomUUID().toString();
        this.providerId = providerId;
        this.modelId = modelId;
        this.displayName = displayName;
        this.discoveredAt = Instant.now();
        this.lastSeen = discoveredAt;
    }
}
