package dev.srooter.server.store;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What happened to one request: who asked for which model, who served it, what it cost and how
 * long it took. The prompt is present only as its SHA-256 digest.
 */
@Entity
@Table(name = "audit_records")
@JsonbPropertyOrder({"id", "createdAt", "keyId", "username", "endpoint", "requestedModel", "servedModel",
        "provider", "route", "intent", "intentConfidence", "streamed", "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens",
        "costUsd", "priceKnown", "latencyMs", "ttfbMs", "status", "errorType", "attempts", "team", "policies", "skills", "contextNotes", "riskScore", "risk",
        "promptSha256"})
public class AuditRecord {

    @Id
    public String id;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "key_id")
    public String keyId;
    public String username;
    public String endpoint;
    @Column(name = "requested_model")
    public String requestedModel;
    @Column(name = "served_model")
    public String servedModel;
    public String provider;
    public String route;
    /** trivial, substantive, architecture or security; null when no classifier ran. */
    public String intent;
    @Column(name = "intent_confidence")
    public Double intentConfidence;
    public boolean streamed;
    @Column(name = "input_tokens")
    public long inputTokens;
    @Column(name = "output_tokens")
    public long outputTokens;
    @Column(name = "cache_read_tokens")
    public long cacheReadTokens;
    @Column(name = "cache_write_tokens")
    public long cacheWriteTokens;
    @Column(name = "cost_usd")
    public double costUsd;
    @Column(name = "price_known")
    public boolean priceKnown;
    @Column(name = "latency_ms")
    public double latencyMs;
    @Column(name = "ttfb_ms")
    public Double ttfbMs;
    public int status;
    @Column(name = "error_type")
    public String errorType;
    /** Each provider call, in order: "provider/model status latency", comma-separated. */
    public String attempts;
    /** The caller's team when the request was made. */
    public String team;
    /** What policies and budgets did to the request, "; "-separated; null when nothing. */
    public String policies;
    /** The skills applied, in prompt order; a refusing one as "name (refused)". */
    public String skills;
    /** The files other agents' recent changes were noted for (cross-agent context), "; "-separated. */
    @Column(name = "context_notes")
    public String contextNotes;
    /** The change's blast radius score (0-100) and summary, when Cortex knew what it touches. */
    @Column(name = "risk_score")
    public Integer riskScore;
    public String risk;
    @Column(name = "prompt_sha256")
    public String promptSha256;
    /** The agent task the request is a turn of (a digest, never content), and which turn: 0 for its human turn. */
    public String task;
    public Integer turn;
}
