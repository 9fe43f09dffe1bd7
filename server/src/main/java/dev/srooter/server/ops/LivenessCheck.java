package dev.srooter.server.ops;

import dev.srooter.server.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Whether this node should be restarted: its audit writer, the one thread every request depends on to be recorded,
 * has died. Nothing that a restart would not fix is judged here (a database outage makes the node unready, not dead).
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    AuditLog audit;

    @Override
    public HealthCheckResponse call() {
        boolean writing = audit.writerAlive();
        return HealthCheckResponse.named("srooter-audit-writer").withData("auditWriter", writing ? "running" : "dead")
                .status(writing).build();
    }
}
