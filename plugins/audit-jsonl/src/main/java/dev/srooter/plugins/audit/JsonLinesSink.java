package dev.srooter.plugins.audit;

import dev.srooter.api.AuditEvent;
import dev.srooter.api.AuditSink;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Appends each audit record as one JSON line to {@code audit.jsonl} in {@code dir} (default
 * {@code <data>/audit}). When the file passes {@code maxBytes} (default 100 MB) it is renamed
 * {@code audit-<time>.jsonl} and a new one begins; the newest {@code keep} (default 10) rotated files are kept.
 * Each batch is flushed to disk before the next, so a crash loses at most the batch being written.
 */
@Extension
public class JsonLinesSink implements AuditSink {

    private Path dir;
    private long maxBytes;
    private int keep;

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public synchronized void configure(Map<String, String> settings) throws IOException {
        String configured = settings.get("dir");
        dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(settings.getOrDefault("dataDir", "."), "audit");
        maxBytes = Long.parseLong(settings.getOrDefault("maxBytes", String.valueOf(100L * 1024 * 1024)));
        keep = Integer.parseInt(settings.getOrDefault("keep", "10"));
        Files.createDirectories(dir);
    }

    @Override
    public synchronized void write(List<AuditEvent> batch) throws IOException {
        if (dir == null) {
            configure(Map.of());
        }
        Path file = dir.resolve("audit.jsonl");
        StringBuilder lines = new StringBuilder(batch.size() * 400);
        for (AuditEvent event : batch) {
            lines.append(json(event)).append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && Files.size(file) > 0 && Files.size(file) + bytes.length > maxBytes) {
            rotate(file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.DSYNC)) {
            out.write(bytes);
        }
    }

    private void rotate(Path file) throws IOException {
        String stamp = Instant.now().toString().replace(":", "").replace(".", "");
        Files.move(file, dir.resolve("audit-" + stamp + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rotated = files.filter(f -> f.getFileName().toString().matches("audit-.*\\.jsonl"))
                    .sorted().toList();
            for (int i = 0; i < rotated.size() - keep; i++) {
                Files.deleteIfExists(rotated.get(i));
            }
        }
    }

    /** The event's fields as one JSON object (a field srooter adds to the api later is written too). */
    static String json(AuditEvent e) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        e.fields().forEach((name, value) -> {
            if (value instanceof String v) {
                b.add(name, v);
            } else if (value instanceof Boolean v) {
                b.add(name, v);
            } else if (value instanceof Integer v) {
                b.add(name, v);
            } else if (value instanceof Long v) {
                b.add(name, v);
            } else if (value instanceof Double v) {
                b.add(name, v);
            }
        });
        return b.build().toString();
    }
}
