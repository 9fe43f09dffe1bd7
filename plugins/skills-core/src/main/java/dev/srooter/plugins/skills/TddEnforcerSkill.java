package dev.srooter.plugins.skills;

import dev.srooter.api.Skill;
import dev.srooter.api.SkillRequest;
import java.util.Set;
import org.pf4j.Extension;

/** Test first: steers substantive coding work to write or change a failing test before the code. */
@Extension
public class TddEnforcerSkill implements Skill {

    static final String TEXT = """
            [srooter skill: tdd-enforcer] This organisation works test first. Before changing behaviour, write or \
            update a test that fails without the change and passes with it; run the tests and report the result. \
            Do not delete, skip or weaken existing tests to make them pass. When no test can cover a change, say \
            why.""";

    @Override
    public String name() {
        return "tdd-enforcer";
    }

    @Override
    public Kind kind() {
        return Kind.SOFT;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Set<String> intents() {
        return Set.of("substantive", "architecture", "security");
    }

    @Override
    public String text(SkillRequest request) {
        return TEXT;
    }
}
