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
        if (exchange.caller != null) {
            record.keyId = exchange.caller.keyId();
            record.username = exchange.caller.username();
            record.team = exchange.caller.team();
        }
        record.endpoint = exchange.operation.name().toLowerCase(java.util.Locale.ROOT);
        record.requestedModel = exchange.requestedModel;
        if (exchange.target != null) {
            record.servedModel = exchange.target.modelId();
            record.provider = exchange.target.account().name();
        }
        Decisions decisions = exchange.decisions;
        if (exchange.target != null) {
            // the column's width: several routing decisions in a row can be longer, and one record too long for
            // its column would fail its whole batch
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
        decisions.task().ifPresent(t -> {
            record.task = t.task();
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
        record.errorType = exchange.errorCode;
        // The digest is computed by the audit writer, off the request thread.
        auditLog.submit(record, exchange.body == null ? null : exchange.body.bytes());
    }

    private static String bounded(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
