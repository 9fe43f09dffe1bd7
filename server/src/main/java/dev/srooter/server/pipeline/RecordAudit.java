package dev.srooter.server.pipeline;

import dev.srooter.server.audit.AuditLog;
import dev.srooter.server.store.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Hands the exchange's decisions to the audit log, which writes them off the request thread. */
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
        record.route = exchange.route;
        if (!exchange.attempts.isEmpty()) {
            String attempts = exchange.attempts.stream().map(Exchange.Attempt::toString)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            record.attempts = attempts.length() > 2000 ? attempts.substring(0, 2000) : attempts;
        }
        if (exchange.classification != null) {
            record.intent = exchange.classification.intent().name().toLowerCase(java.util.Locale.ROOT);
            record.intentConfidence = exchange.classification.confidence();
        }
        if (!exchange.policyNotes.isEmpty()) {
            String notes = String.join("; ", exchange.policyNotes);
            record.policies = notes.length() > 2000 ? notes.substring(0, 2000) : notes;
        }
        if (!exchange.skills.isEmpty()) {
            String skills = String.join(", ", exchange.skills);
            record.skills = skills.length() > 1000 ? skills.substring(0, 1000) : skills;
        }
        if (exchange.risk != null) {
            record.riskScore = exchange.risk.score();
            String risk = exchange.risk.summary();
            record.risk = risk.length() > 500 ? risk.substring(0, 500) : risk;
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
        auditLog.submit(record, exchange.body);
    }
}
