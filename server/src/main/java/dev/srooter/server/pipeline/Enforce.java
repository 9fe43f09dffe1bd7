package dev.srooter.server.pipeline;

import dev.srooter.api.Policy;
import dev.srooter.api.PolicyDecision;
import dev.srooter.api.PolicySettings;
import dev.srooter.server.policy.PolicyBook;
import dev.srooter.server.policy.RequestFields;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the policy plugins of the request's plugin generation, in their order, each with the admins' settings
 * for this caller. A policy may rewrite the request (a cap lowered), which changes the body every later stage
 * sees, or deny it: a 403 in the caller's format naming the policy. Each decision other than a plain allow is
 * noted in the exchange (audit {@code policies}, header {@code x-srooter-policies}). The policies' view of
 * which models may serve this caller is left in the exchange for routing, budgets and fallbacks.
 */
@ApplicationScoped
public class Enforce implements Stage {

    private static final Logger LOG = Logger.getLogger(Enforce.class.getName());

    @Inject
    PolicyBook book;

    @Override
    public void apply(Exchange exchange) {
        List<Policy> policies = exchange.plugins.policies();
        if (policies.isEmpty()) {
            return;
        }
        Target target = exchange.target;
        String username = exchange.caller == null ? null : exchange.caller.username();
        String team = exchange.caller == null ? null : exchange.caller.team();
        RequestFields.Facts facts = new RequestFields.Facts(username, team,
                exchange.caller == null ? null : exchange.caller.keyId(),
                exchange.decisions.intent(),
                target.modelId(), exchange.requestedModel, target.provider().chatMaxTokensField(target.account()));
        RequestFields request = new RequestFields(facts, exchange.clientFormat(), exchange.body::tree,
                exchange.body.length());
        List<Policy> restricting = new ArrayList<>();
        List<PolicySettings> restrictingSettings = new ArrayList<>();
        for (Policy policy : policies) {
            PolicySettings settings = book.settingsFor(policy.name(), team, username);
            PolicyDecision decision;
            try {
                decision = policy.evaluate(request, settings);
            } catch (RuntimeException bug) {
                // governance fails closed: a policy that cannot decide does not let the request through
                LOG.log(Level.SEVERE, "srooter: policy " + policy.name() + " failed on " + exchange.id, bug);
                exchange.decisions.add(new Decision.PolicyApplied(policy.name(), "failed"));
                throw new GatewayError(500, "policy_failed", "srooter policy '" + policy.name()
                        + "' failed on this request; the server log has details under " + exchange.id + ".");
            }
            if (decision == null || decision.verdict() == PolicyDecision.Verdict.ALLOW) {
                restricting.add(policy);
                restrictingSettings.add(settings);
                continue;
            }
            exchange.decisions.add(new Decision.PolicyApplied(policy.name(), decision.detail()));
            if (decision.verdict() == PolicyDecision.Verdict.DENY) {
                throw new GatewayError(403, "policy_denied", "Refused by srooter policy '" + policy.name() + "': "
                        + decision.detail());
            }
            restricting.add(policy);
            restrictingSettings.add(settings);
        }
        JsonObject changed = request.changedBody();
        // count_tokens takes no output settings (Anthropic refuses unknown fields): counting is left as asked
        if (changed != null && exchange.operation != dev.srooter.api.Operation.COUNT_TOKENS) {
            exchange.body.rewrite(changed); // every view of the body is read again from the rewrite
        }
        exchange.modelPermitted = model -> {
            for (int i = 0; i < restricting.size(); i++) {
                if (!restricting.get(i).permits(model, request, restrictingSettings.get(i))) {
                    return false;
                }
            }
            return true;
        };
    }
}
