package dev.srooter.server.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * Where requests of one intent go: {@code target} is {@code requested} (the model asked for), {@code cheapest},
 * {@code best}, or a model name ({@code provider/model} or an id). {@code team} null: the org-wide rule.
 */
@Entity
@Table(name = "routing_rules")
public class RoutingRule {

    @Id
    public String id;
    public String team;
    public String intent;
    public String target;
    public boolean council;
    @Column(name = "min_confidence")
    public double minConfidence;
    /** A learned rule's candidate models, one per line; null for other targets. */
    public String candidates;

    public RoutingRule() {
    }

    public RoutingRule(String team, String intent, String target, boolean council, double minConfidence) {
        this.id = UUID.randomUUID().toString();
        this.team = team;
        this.intent = intent;
        this.target = target;
        this.council = council;
        this.minConfidence = minConfidence;
    }

    public RoutingRule(String team, String intent, String target, boolean council, double minConfidence,
                       java.util.List<String> candidates) {
        this(team, intent, target, council, minConfidence);
        this.candidates = candidates == null || candidates.isEmpty() ? null : String.join("\n", candidates);
    }
}
