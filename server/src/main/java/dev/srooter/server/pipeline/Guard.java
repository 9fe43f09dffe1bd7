package dev.srooter.server.pipeline;

import dev.srooter.api.Skill;
import dev.srooter.server.skills.ActiveSkill;
import dev.srooter.server.skills.SkillView;
import dev.srooter.server.skills.Skills;
import dev.srooter.server.wire.GatewayError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the hard skills that can refuse a request (secrets-guard), right after the body is read: before the
 * classifier or any model sees it. A refusal is a 400 in the caller's format naming the skill; the audit
 * records the skill and the kind of content, never the content.
 */
@ApplicationScoped
public class Guard implements Stage {

    private static final Logger LOG = Logger.getLogger(Guard.class.getName());

    @Inject
    Skills skills;

    @Override
    public void apply(Exchange exchange) {
        if (exchange.plugins.skills().isEmpty()) {
            return;
        }
        SkillView view = null;
        for (ActiveSkill skill : skills.all(exchange.plugins.skills())) {
            if (skill.plugin() == null || skill.kind() != Skill.Kind.HARD || !skill.enabled()) {
                continue;
            }
            if (view == null) {
                view = Instruct.view(exchange, null);
            }
            String refusal;
            try {
                refusal = skill.plugin().refusal(view);
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "srooter: skill " + skill.name() + " failed on " + exchange.id, bug);
                exchange.decisions.add(new Decision.SkillApplied(skill.name(), Decision.SkillApplied.Outcome.FAILED));
                throw new GatewayError(500, "skill_failed", "srooter skill '" + skill.name()
                        + "' failed on this request; the server log has details under " + exchange.id + ".");
            }
            if (refusal != null) {
                exchange.decisions.add(new Decision.SkillApplied(skill.name(), Decision.SkillApplied.Outcome.REFUSED));
                throw new GatewayError(400, "skill_refused", "Refused by srooter skill '" + skill.name() + "': "
                        + refusal);
            }
        }
    }
}
