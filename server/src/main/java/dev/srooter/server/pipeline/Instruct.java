package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Target;
import dev.srooter.server.skills.ActiveSkill;
import dev.srooter.server.skills.SkillInjection;
import dev.srooter.server.skills.SkillView;
import dev.srooter.server.skills.Skills;
import dev.srooter.server.translate.Js;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the text of the skills that apply to the request to the system prompt of the body the provider gets, in
 * the provider's format (after translation, when there is one), in priority order. The skills applied are noted
 * in the exchange ({@code x-srooter-skills}, audit {@code skills}). A client may leave soft skills out with
 * {@code x-srooter-skills-off: name, name}; hard ones always apply.
 */
@ApplicationScoped
public class Instruct implements AttemptStep {

    private static final Logger LOG = Logger.getLogger(Instruct.class.getName());

    @Inject
    Skills skills;

    @Override
    public Skip check(Exchange exchange, Target candidate, boolean last) {
        if (exchange.upstreamBody != null && !exchange.answered) {
            instruct(exchange); // each candidate's body gets the skills afresh, in its provider's format
            if (exchange.councilNote != null) {
                WireFormat format = exchange.translation == null ? exchange.clientFormat()
                        : exchange.translation.providerFormat();
                exchange.upstreamBody = Js.bytes(dev.srooter.server.skills.NoteInjection.append(
                        Js.parse(exchange.upstreamBody), format, exchange.councilNote.text()),
                        exchange.upstreamBody.length + 2048);
            }
        }
        return null;
    }

    private void instruct(Exchange exchange) {
        SkillView view = view(exchange, exchange.decisions.intent());
        List<ActiveSkill> applicable = skills.applicable(exchange.plugins.skills(), view, clientOff(exchange));
        if (applicable.isEmpty() && exchange.contextNote == null) {
            return;
        }
        List<String> texts = new ArrayList<>(applicable.size());
        for (ActiveSkill skill : applicable) {
            String text;
            try {
                text = skill.plugin() == null ? skill.text() : skill.plugin().text(view);
            } catch (RuntimeException bug) {
                LOG.log(Level.WARNING, "srooter: skill " + skill.name() + " failed to give its text", bug);
                continue;
            }
            if (text != null && !text.isBlank()) {
                texts.add(text.strip());
                exchange.decisions.add(new Decision.SkillApplied(skill.name(), Decision.SkillApplied.Outcome.APPLIED));
            }
        }
        if (exchange.contextNote != null) {
            texts.add(exchange.contextNote); // after the skills: the same state gives the same bytes, turn after turn
        }
        if (texts.isEmpty()) {
            return;
        }
        WireFormat format = exchange.translation == null ? exchange.clientFormat()
                : exchange.translation.providerFormat();
        exchange.upstreamBody = Js.bytes(SkillInjection.inject(Js.parse(exchange.upstreamBody), format,
                String.join("\n\n", texts)), exchange.upstreamBody.length + 1024);
    }

    static SkillView view(Exchange exchange, String intent) {
        return new SkillView(exchange.caller == null ? null : exchange.caller.username(),
                exchange.caller == null ? null : exchange.caller.team(), intent, exchange.clientFormat(),
                exchange.body::text, exchange.body::bytes);
    }

    private static Set<String> clientOff(Exchange exchange) {
        String header = exchange.request.getHeader("x-srooter-skills-off");
        return header == null ? Set.of() : new HashSet<>(Arrays.stream(header.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }
}
