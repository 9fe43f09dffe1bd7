package dev.srooter.server.plugins;

import dev.srooter.server.security.Sha256;
import dev.srooter.server.store.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Uploaded plugin jars kept in the database ({@code plugin_jars}), so a jar uploaded on one node reaches every node
 * sharing it: each writes it into its own uploaded-plugins folder and swaps it in, and removes a jar removed
 * elsewhere. The folder stays what PF4J loads from; the database is what the nodes agree on.
 */
@ApplicationScoped
public class PluginJars {

    @Inject
    Sql sql;

    @Inject
    PluginHost plugins;

    @Inject
    PluginStates states;

    private record Stored(String id, String sha256) {
    }

    /** A change an admin makes to the plugins. */
    public interface Change<T> {
        T run() throws IOException;
    }

    /**
     * Makes a change and saves which plugins are disabled, under this object's lock: a {@link #sync} running at the
     * same moment would otherwise read the states from before the change and undo it here.
     */
    public synchronized <T> T change(Change<T> change) throws IOException {
        T result = change.run();
        states.save(plugins.disabledIds());
        return result;
    }

    /**
     * Installs an uploaded jar here and keeps it for the other nodes; under this object's lock, so that a
     * {@link #sync} cannot take the new jar in the folder for one removed elsewhere.
     */
    public synchronized PluginHost.PluginInfo install(java.io.InputStream jar) throws IOException {
        PluginHost.PluginInfo info = plugins.install(jar);
        store(plugins.uploadedDir(), info.id());
        return info;
    }

    /** Removes an uploaded plugin here and for the other nodes. */
    public synchronized void remove(String id) throws IOException {
        plugins.remove(id);
        sql.update("DELETE FROM plugin_jars WHERE plugin_id = ?", id);
    }

    private void store(Path dir, String id) {
        Path jar = dir.resolve(id + ".jar");
        try {
            byte[] bytes = Files.readAllBytes(jar);
            String sha = Sha256.hex(bytes);
            sql.transaction(c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM plugin_jars WHERE plugin_id = ?");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO plugin_jars (plugin_id, jar, sha256,"
                             + " uploaded_at) VALUES (?, ?, ?, ?)")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                    insert.setString(1, id);
                    insert.setBytes(2, bytes);
                    insert.setString(3, sha);
                    insert.setTimestamp(4, java.sql.Timestamp.from(Instant.now()));
                    return insert.executeUpdate();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded plugin " + jar, e);
        }
    }

    /**
     * At start, before the first generation loads: jars only this node has (uploaded before jars were shared) are
     * stored; stored jars this node lacks or holds an older copy of are written into its folder.
     */
    public synchronized void atStart(Path uploadedDir) {
        Map<String, String> local = local(uploadedDir);
        List<Stored> stored = stored();
        for (Map.Entry<String, String> jar : local.entrySet()) {
            if (stored.stream().noneMatch(s -> s.id().equals(jar.getKey()))) {
                store(uploadedDir, jar.getKey());
            }
        }
        write(uploadedDir, local, stored, false);
    }

    /** After a change on another node: the folder and the enabled states as stored, a new generation if they moved. */
    public synchronized boolean sync() {
        Path dir = plugins.uploadedDir();
        boolean changed = write(dir, local(dir), stored(), true);
        return plugins.apply(states.disabled(), changed);
    }

    private boolean write(Path dir, Map<String, String> local, List<Stored> stored, boolean removeUnknown) {
        boolean changed = false;
        try {
            Files.createDirectories(dir);
            for (Stored s : stored) {
                if (!s.sha256().equals(local.get(s.id()))) {
                    byte[] bytes = sql.query("SELECT jar FROM plugin_jars WHERE plugin_id = ?", r -> r.getBytes(1),
                            s.id()).stream().findFirst().orElse(null);
                    if (bytes != null) {
                        Path part = Files.createTempFile(dir, "sync-", ".part");
                        Files.write(part, bytes);
                        Files.move(part, dir.resolve(s.id() + ".jar"), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.ATOMIC_MOVE);
                        changed = true;
                    }
                }
            }
            if (removeUnknown) {
                for (String id : local.keySet()) {
                    if (stored.stream().noneMatch(s -> s.id().equals(id))) {
                        Files.deleteIfExists(dir.resolve(id + ".jar"));
                        changed = true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plugin jars into " + dir, e);
        }
        return changed;
    }

    private List<Stored> stored() {
        return sql.query("SELECT plugin_id, sha256 FROM plugin_jars", r -> new Stored(r.getString(1), r.getString(2)));
    }

    /** The uploaded jars in a folder, by plugin id (the file name), with their digests. */
    private static Map<String, String> local(Path dir) {
        Map<String, String> jars = new HashMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return jars;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
                String name = f.getFileName().toString();
                jars.put(name.substring(0, name.length() - 4), Sha256.hex(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return jars;
    }

}
