package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model's fallback chain: the models that serve, in order, when it cannot ({@code chain}: names joined by newlines). */
@Entity
@Table(name = "fallback_chains")
public class FallbackChain {

    @Id
    public String model;
    public String chain;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public FallbackChain() {
    }

    public FallbackChain(String model, String chain) {
        this.model = model;
        this.chain = chain;
        this.updatedAt = Instant.now();
    }
}
