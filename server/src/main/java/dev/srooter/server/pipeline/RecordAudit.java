package dev.srooter.server.pipeline;

import dev.srooter.api.Classification;
import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.cortex.BlastRadius;
import dev.srooter.server.store.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Renders the exchange's decisions as its audit record (the headers are the other rendering of the same list) and
 * hands it to the audit log, which writes it off the request thread.
 */
@ApplicationScoped
public class RecordAudit implements Stage {

    @Inject
    AuditLog auditLog;

    @Override
    public void apply(Exchange exchange) {
        AuditRecord record = new AuditRecord();
        record.id = exchange.id;
        record.createdAt = exchange.startedAt;
        // Every text is bounded to its column's width: one record too long for its column fails the whole batch it
        // is written in, and with it every other caller's records of that moment (a 5,000-character model name did).
        if (exchange.caller != null) {
            record.keyId = bounded(exchange.caller.keyId(), 36);
            record.username = bounded(exchange.caller.username(), 100);
            record.team = bounded(exchange.caller.team(), 100);
        }
        record.endpoint = exchange.operation.name().toLowerCase(java.util.Locale.ROOT);
        record.requestedModel = bounded(exchange.requestedModel, 300);
        if (exchange.target != null) {
            record.servedModel = bounded(exchange.target.modelId(), 300);
            record.provider = bounded(exchange.target.account().name(), 100);
        }
        Decisions decisions = exchange.decisions;
        if (exchange.target != null) {
            record.route = bounded(decisions.route(), 200);
        }
        record.attempts = bounded(decisions.attempts(), 2000);
        Classification classification = decisions.classification();
        if (classification != null) {
            record.intent = decisions.intent();
            record.intentConfidence = classification.confidence();
        }
        record.policies = bounded(decisions.policies(), 2000);
        record.skills = bounded(decisions.skills(), 1000);
        record.contextNotes = bounded(decisions.contextNotes(), 1000);
        decisions.task().ifPresent(t -> {
            record.task = bounded(t.task(), 32);
            record.turn = t.turn();
        });
        BlastRadius.Risk risk = decisions.risk();
        if (risk != null) {
            record.riskScore = risk.score();
            record.risk = bounded(risk.summary(), 500);
        }
        record.streamed = exchange.stream;
        record.inputTokens = exchange.usage.input();
        record.outputTokens = exchange.usage.output();
        record.cacheReadTokens = exchange.usage.cacheRead();
        record.cacheWriteTokens = exchange.usage.cacheWrite();
        record.costUsd = exchange.costUsd;
        record.priceKnown = exchange.priceKnown;
        record.latencyMs = (exchange.endNanos - exchange.startNanos) / 1e6;
        record.ttfbMs = exchange.firstByteNanos == 0 ? null : (exchange.firstByteNanos - exchange.startNanos) / 1e6;
        record.status = exchange.status;
        record.errorType = bounded(exchange.errorCode, 100);
        // submit takes the prompt's digest on this thread, after the answer's bytes are written: microseconds.
        auditLog.submit(record, exchange.body == null ? null : exchange.body.bytes());
    }

    private static String bounded(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
