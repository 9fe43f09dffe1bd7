package dev.srooter.server.skills;

import dev.srooter.api.Skill;
import dev.srooter.api.SkillRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every skill, from admins and plugins, with the admins' settings applied; and which of them apply to a request:
 * enabled, for its intent, for its paths or repository, and (soft ones only) not turned off by the client or
 * the caller's team.
 */
@ApplicationScoped
public class Skills {

    @Inject
    SkillBook book;

    /** The last list made, and what it was made from: rows and plugins change rarely, requests often. */
    private record Made(Map<String, SkillRow> rows, List<Skill> plugins, List<ActiveSkill> skills) {
    }

    private volatile Made made;

    /** All skills, in prompt order. {@code plugins}: the skills of the request's plugin generation. */
    public List<ActiveSkill> all(List<Skill> plugins) {
        Map<String, SkillRow> rows = book.rows();
        Made last = made;
        if (last != null && last.rows() == rows && last.plugins() == plugins) {
            return last.skills();
        }
        List<ActiveSkill> skills = make(rows, plugins);
        made = new Made(rows, plugins, skills);
        return skills;
    }

    private static List<ActiveSkill> make(Map<String, SkillRow> rows, List<Skill> plugins) {
        Map<String, ActiveSkill> all = new LinkedHashMap<>();
        for (Skill skill : plugins) {
            SkillRow settings = rows.get(skill.name());
            List<String> intents = settings != null && !settings.intents().isEmpty() ? settings.intents()
                    : skill.intents().stream().sorted().toList();
            all.put(skill.name(), new ActiveSkill(skill.name(), skill.kind(),
                    settings == null ? skill.priority() : settings.priority(), intents,
                    settings == null ? List.of() : settings.paths(),
                    settings == null ? List.of() : settings.repositories(),
                    settings == null ? List.of() : settings.offForTeams(),
                    settings == null ? skill.enabledByDefault() : settings.enabled(), null, skill));
        }
        for (SkillRow row : rows.values()) {
            if (row.text() != null && !all.containsKey(row.name())) {
                all.put(row.name(), new ActiveSkill(row.name(), Skill.Kind.valueOf(row.kind().toUpperCase(Locale.ROOT)),
                        row.priority(), row.intents(), row.paths(), row.repositories(), row.offForTeams(),
                        row.enabled(), row.text(), null));
            }
        }
        List<ActiveSkill> sorted = new ArrayList<>(all.values());
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    /**
     * The skills that apply to a request, in prompt order. {@code clientOff}: soft skills the client asked to
     * leave out ({@code x-srooter-skills-off}).
     */
    public List<ActiveSkill> applicable(List<Skill> plugins, SkillRequest request, Set<String> clientOff) {
        List<ActiveSkill> applicable = new ArrayList<>();
        for (ActiveSkill skill : all(plugins)) {
            if (!skill.enabled() || !inScope(skill, request)) {
                continue;
            }
            if (skill.kind() == Skill.Kind.SOFT && (clientOff.contains(skill.name())
                    || (request.team() != null && skill.offForTeams().contains(request.team())))) {
                continue; // a soft skill a client or team turned off; hard ones cannot be
            }
            applicable.add(skill);
        }
        return applicable;
    }

    /**
     * The first enabled hard skill scoped to paths that this request touches (intent and repository as for
     * {@link #applicable}), or null: an admin who scoped a hard skill to paths named them critical, and the
     * council reviews work inside them. Requests pay nothing when no hard skill has paths.
     */
    public ActiveSkill hardScope(List<Skill> plugins, java.util.function.Supplier<SkillRequest> request) {
        List<ActiveSkill> scoped = new ArrayList<>();
        for (ActiveSkill skill : all(plugins)) {
            if (skill.enabled() && skill.kind() == Skill.Kind.HARD && !skill.paths().isEmpty()) {
                scoped.add(skill);
            }
        }
        if (scoped.isEmpty()) {
            return null;
        }
        SkillRequest r = request.get();
        return scoped.stream().filter(skill -> inScope(skill, r)).findFirst().orElse(null);
    }

    /** Whether a request is of the skill's intents, in its repositories and touches its paths (none: any). */
    private static boolean inScope(ActiveSkill skill, SkillRequest request) {
        return (skill.intents().isEmpty() || request.intent() != null && skill.intents().contains(request.intent()))
                && (skill.repositories().isEmpty() || inRepository(skill, request.workingDirectory()))
                && (skill.paths().isEmpty() || touches(skill, request));
    }

    private static boolean inRepository(ActiveSkill skill, String workingDirectory) {
        if (workingDirectory == null) {
            return false;
        }
        String name = workingDirectory.replaceAll("/+$", "");
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String pattern : skill.repositories()) {
            if (Globs.matches(pattern, workingDirectory) || Globs.matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean touches(ActiveSkill skill, SkillRequest request) {
        for (String path : request.paths()) {
            for (String form : RequestScope.forms(path, request.workingDirectory())) {
                for (String pattern : skill.paths()) {
                    if (Globs.matches(pattern, form)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
