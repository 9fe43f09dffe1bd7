package dev.srooter.server.store;

import dev.srooter.server.GatewaySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Online backups of the embedded Derby database, taken while the gateway serves: Derby's
 * {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE} copies the database and the log that keeps the copy consistent, so
 * requests and the audit writer go on meanwhile. An embedded database is open in this process only, so no tool
 * outside it can take one; hence an admin API for it. Each backup is a folder of the backup folder
 * ({@code SROOTER_BACKUP_DIR}, by default {@code <data>/backups}) named by when it was taken, holding the database as
 * {@code derby/}: restoring is copying that folder in place of {@code <data>/derby} while the server is stopped.
 * PostgreSQL is backed up with its own tools.
 */
@ApplicationScoped
public class Backups {

    /** A backup: its folder's name, when it was taken, its size and where it is. */
    public record Backup(String name, Instant takenAt, long bytes, String path) {
    }

    /** The database is not Derby: it has tools of its own. */
    public static final class NotEmbedded extends RuntimeException {
        NotEmbedded(String product) {
            super("srooter keeps its state in " + product + " here: back it up with that database's own tools"
                    + " (pg_dump, or your platform's snapshots)");
        }
    }

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Sql sql;

    @Inject
    GatewaySettings settings;

    /** One backup at a time: a second, asked meanwhile, would copy the same pages again for nothing. */
    private final ReentrantLock running = new ReentrantLock();

    /** Takes a backup now; null when one is already being taken. */
    public Backup take() {
        if (!running.tryLock()) {
            return null;
        }
        try {
            Instant at = Instant.now();
            Path folder = folder().resolve(NAME.format(at));
            Files.createDirectories(folder.getParent());
            sql.transaction(connection -> {
                String product = connection.getMetaData().getDatabaseProductName();
                if (!product.contains("Derby")) {
                    throw new NotEmbedded(product);
                }
                try (CallableStatement backup = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                    backup.setString(1, folder.toString());
                    backup.execute();
                }
                return null;
            });
            return describe(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup folder: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    /** The backups in the backup folder, the newest first. */
    public List<Backup> list() {
        Path root = folder();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("derby").resolve("service.properties")))
                    .map(Backups::describe).sorted(Comparator.comparing(Backup::takenAt).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the backup folder: " + e.getMessage(), e);
        }
    }

    private Path folder() {
        return settings.backupDir();
    }

    private static Backup describe(Path folder) {
        Instant at;
        try {
            at = Instant.from(NAME.parse(folder.getFileName().toString()));
        } catch (java.time.format.DateTimeParseException notOurs) {
            at = Instant.EPOCH;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            return new Backup(folder.getFileName().toString(), at, bytes, folder.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
