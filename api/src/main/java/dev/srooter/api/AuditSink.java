package dev.srooter.api;

import java.util.List;
import java.util.Map;

/**
 * Somewhere audit records go besides srooter's database: a file, a SIEM, a webhook. srooter hands a sink
 * batches, in order, after the database has them, from a thread of the sink's own (never from a request thread,
 * and never the audit writer's, which leaves them for it); a batch that throws is offered again a few times, then
 * logged and skipped. One broken or slow sink never holds up the database or the other sinks: it falls behind, and
 * beyond 20,000 records behind its oldest waiting records are dropped (counted in {@code GET /api/audit/sinks}).
 */
public interface AuditSink extends org.pf4j.ExtensionPoint {

    /** The name admins enable it by ({@code PUT /api/audit/sinks/<name>}). */
    String name();

    /**
     * Called when an admin enables the sink or changes its settings, before any batch. {@code settings} holds
     * the admin's settings and srooter's {@code dataDir}. It runs on the admin's request, so an exception refuses
     * the settings (the admin sees its message, and nothing is saved): check them here rather than in
     * {@link #write}. Being on another thread, it may come while a batch is being written; a sink whose
     * {@code configure} and {@code write} share state makes them safe together ({@code synchronized} will do).
     */
    default void configure(Map<String, String> settings) throws Exception {
    }

    void write(List<AuditEvent> batch) throws Exception;

    /** Called when the sink is disabled or its plugin unloaded. */
    default void close() {
    }
}
