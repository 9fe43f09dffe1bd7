package dev.srooter.plugins.skills;

import dev.srooter.api.Skill;
import dev.srooter.api.SkillRequest;
import java.util.Set;
import org.pf4j.Extension;

/** Spec first: for design-sized work, agree what is to be built before building it. */
@Extension
public class SpecFirstSkill implements Skill {

    static final String TEXT = """
            [srooter skill: spec-first] For work that adds a capability or changes a design, first state the \
            specification in a few lines: the behaviour wanted, the interfaces touched, what is out of scope, and \
            how it will be verified. Build to that specification, and say where the work departed from it.""";

    @Override
    public String name() {
        return "spec-first";
    }

    @Override
    public Kind kind() {
        return Kind.SOFT;
    }

    @Override
    public int priority() {
        return 60;
    }

    @Override
    public Set<String> intents() {
        return Set.of("architecture", "substantive");
    }

    @Override
    public String text(SkillRequest request) {
        return TEXT;
    }
}
