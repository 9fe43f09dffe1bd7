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
    // What the provider's listing (or its details call) said; null where it said nothing.
    @Column(name = "listed_context")
    public Integer listedContext;
    @Column(name = "listed_max_output")
    public Integer listedMaxOutput;
    @Column(name = "listed_tools")
    public Boolean listedTools;
    @Column(name = "listed_vision")
    public Boolean listedVision;
    @Column(name = "listed_reasoning")
    public Boolean listedReasoning;
    @Column(name = "listed_input")
    public Double listedInput;
    @Column(name = "listed_output")
    public Double listedOutput;

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

    /** Keeps what a listing said of the model (a later listing that says nothing leaves earlier details alone). */
    public void listed(dev.srooter.api.DiscoveredModel said) {
        displayName = said.displayName();
        if (said.describesAbilities()) {
            listedContext = said.contextWindow();
            listedMaxOutput = said.maxOutput();
            listedTools = said.tools();
            listedVision = said.vision();
            listedReasoning = said.reasoning();
        }
        if (said.inputPerMTok() != null && said.outputPerMTok() != null) {
            listedInput = said.inputPerMTok();
            listedOutput = said.outputPerMTok();
        }
    }
}
