package dev.srooter.server.skills;

import dev.srooter.api.SkillRequest;
import dev.srooter.api.WireFormat;
import java.util.List;

/** A request as skills see it; the body's text, working directory and paths are read once, when first asked. */
public final class SkillView implements SkillRequest {

    private final String username;
    private final String team;
    private final String intent;
    private final WireFormat format;
    private final java.util.function.Supplier<String> body;
    private String workingDirectory;
    private boolean directoryRead;
    private List<String> paths;

    /** {@code body}: the request's text, decoded (once, by the exchange) only when a skill reads it. */
    public SkillView(String username, String team, String intent, WireFormat format,
                     java.util.function.Supplier<String> body) {
        this.username = username;
        this.team = team;
        this.intent = intent;
        this.format = format;
        this.body = body;
    }

    @Override public String username() {
        return username;
    }

    @Override public String team() {
        return team;
    }

    @Override public String intent() {
        return intent;
    }

    @Override public WireFormat format() {
        return format;
    }

    @Override
    public String body() {
        return body.get();
    }

    @Override
    public String workingDirectory() {
        if (!directoryRead) {
            workingDirectory = RequestScope.workingDirectory(body());
            directoryRead = true;
        }
        return workingDirectory;
    }

    @Override
    public List<String> paths() {
        if (paths == null) {
            paths = RequestScope.paths(body());
        }
        return paths;
    }
}
