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

    public ProviderModel() {
    }

    public ProviderModel(String providerId, String modelId, String displayName) {
        this.id = UUID.randomUUID().toString();
        this.providerId = providerId;
        this.modelId = modelId;
        this.displayName = displayName;
        this.discoveredAt = Instant.now();
    }
}
