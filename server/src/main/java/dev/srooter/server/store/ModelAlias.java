package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A model name clients ask for that another model serves: {@code pattern} is a name, or a name with
 * {@code *} wildcards ({@code claude-*}); {@code target} is a model id or {@code provider/model}.
 */
@Entity
@Table(name = "model_aliases")
public class ModelAlias {

    @Id
    public String pattern;
    public String target;
    @Column(name = "created_at")
    public Instant createdAt;

    public ModelAlias() {
    }

    public ModelAlias(String pattern, String target) {
        this.pattern = pattern;
        this.target = target;
        this.createdAt = Instant.now();
    }
}
