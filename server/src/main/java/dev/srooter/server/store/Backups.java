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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Online backups of the embedded Derby database, taken while the gateway serves: Derby's
 * {@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE} copies the database and the log that keeps the copy consistent, so
 * requests and the audit writer go on meanwhile. An embedded database is open in this process only, so no tool
 * outside it can take one; hence an admin API for it. Each backup is a folder of the backup folder
 * ({@code SROOTER_BACKUP_DIR}, by default {@code <data>/backups}) named by when it was taken, holding the database as
 * {@code derby/}: restoring is copying that folder in place of {@code <data>/derby} while the server is stopped.
 * Backups can also be taken every so many hours (SROOTER_BACKUP_EVERY_HOURS), and only the newest kept
 * (SROOTER_BACKUP_KEEP). PostgreSQL is backed up with its own tools.
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

    private static final Logger LOG = Logger.getLogger(Backups.class.getName());

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Inject
    Sql sql;

    @Inject
    GatewaySettings settings;

    /** One backup at a time: a second, asked meanwhile, would copy the same pages again for nothing. */
    private final ReentrantLock running = new ReentrantLock();

    private volatile int everyHours;
    private volatile int keep;
    private volatile String lastScheduled;

    /**
     * Takes a backup every {@code hours} hours, the first {@code hours} after start (0: none), and keeps the newest
     * {@code keep} backups of the folder after each backup, scheduled or asked (0: every one). Null when nothing is
     * scheduled; on PostgreSQL nothing is.
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, int hours, int keep) {
        this.keep = keep;
        if (hours <= 0) {
            return null;
        }
        String product = product();
        if (!product.contains("Derby")) {
            LOG.warning("srooter: SROOTER_BACKUP_EVERY_HOURS is for the embedded Derby database; " + product
                    + " is backed up with its own tools, so no backup is scheduled");
            return null;
        }
        everyHours = hours;
        LOG.info("srooter: the database is backed up every " + hours + " hours into " + folder()
                + (keep > 0 ? ", the newest " + keep + " kept" : ""));
        return scheduler.scheduleWithFixedDelay(this::scheduled, hours, hours, TimeUnit.HOURS);
    }

    /** At a stop: waits up to a minute for a backup under way, so that it is not cut off half written. */
    public void stop() {
        try {
            if (running.tryLock(60, TimeUnit.SECONDS)) {
                running.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the readiness check reports: the schedule in force and how its last backup went. */
    public String status() {
        if (everyHours <= 0) {
            return "not scheduled";
        }
        String last = lastScheduled;
        return "every " + everyHours + " hours" + (keep > 0 ? ", the newest " + keep + " kept" : "") + "; "
                + (last == null ? "the first comes " + everyHours + " hours after start" : "last: " + last);
    }

    /** The scheduled backup: a failure (a full disk) is logged and reported, and the next one tries again. */
    void scheduled() {
        try {
            Backup taken = take();
            lastScheduled = taken == null ? Instant.now() + " skipped: one was being taken"
                    : taken.name() + ", " + taken.bytes() + " bytes";
        } catch (RuntimeException e) {
            lastScheduled = Instant.now() + " failed: " + e.getMessage();
            LOG.warning("srooter: the scheduled backup failed; the next one tries again: " + e.getMessage());
        }
    }

    /** Takes a backup now; null when one is already being taken. */
    public Backup take() {
        if (!running.tryLock()) {
            return null;
        }
        try {
            String product = product();
            if (!product.contains("Derby")) {
                throw new NotEmbedded(product);
            }
            Path root = folder();
            Path folder = root.resolve(NAME.format(Instant.now()));
            Files.createDirectories(root);
            sql.transaction(connection -> {
                try (CallableStatement backup = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                    backup.setString(1, folder.toString());
                    backup.execute();
                }
                return null;
            });
            Backup taken = describe(folder);
            try {
                prune(root, keep);
            } catch (IOException | RuntimeException e) {
                // the backup is complete and stays; the next one prunes again
                LOG.warning("srooter: removing old backups failed: " + e.getMessage());
            }
            return taken;
        } catch (IOException e) {
            throw new UncheckedIOException("the backup folder: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    /** The backups in the backup folder, the newest first. */
    public List<Backup> list() {
        return list(folder());
    }

    static List<Backup> list(Path root) {
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

    /** Removes all but the newest {@code keep} backups (0: none removed); only folders this class named. */
    static void prune(Path root, int keep) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Backup> all = list(root);
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            if (old.takenAt().equals(Instant.EPOCH)) {
                continue; // not a name this class gives: someone else's folder
            }
            try (Stream<Path> files = Files.walk(Path.of(old.path()))) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            LOG.info("srooter: removed backup " + old.name() + " (SROOTER_BACKUP_KEEP=" + keep + ")");
        }
    }

    /** The database's product name: only Derby is backed up here. */
    private String product() {
        return sql.transaction(connection -> connection.getMetaData().getDatabaseProductName());
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
