package dev.srooter.server.skills;

import dev.srooter.api.SkillRequest;
import dev.srooter.api.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;

/** A request as skills see it; the body's text, working directory and paths are read once, when first asked. */
public final class SkillView implements SkillRequest {

    private final String username;
    private final String team;
    private final String intent;
    private final WireFormat format;
    private final java.util.function.Supplier<String> body;
    private final java.util.function.Supplier<byte[]> bytes;
    private String workingDirectory;
    private boolean directoryRead;
    private List<String> paths;

    /**
     * {@code body}: the request's text, decoded (once, by the exchange) only when a skill reads it; {@code bytes}: the
     * bytes it was decoded from, given to skills as they are (read-only).
     */
    public SkillView(String username, String team, String intent, WireFormat format,
                     java.util.function.Supplier<String> body, java.util.function.Supplier<byte[]> bytes) {
        this.username = username;
        this.team = team;
        this.intent = intent;
        this.format = format;
        this.body = body;
        this.bytes = bytes;
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
    public ByteBuffer bodyBytes() {
        return ByteBuffer.wrap(bytes.get()).asReadOnlyBuffer();
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
