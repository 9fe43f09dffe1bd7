package dev.srooter.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SROOTER_BACKUP_KEEP: the newest backups stay, older ones go whole, and nothing the folder holds besides is touched. */
class BackupsPruneTest {

    @TempDir
    Path root;

    @Test
    void keepsTheNewestAndLeavesOtherFoldersAlone() throws Exception {
        for (String name : List.of("20261201T010000000Z", "20261203T010000000Z", "20261202T010000000Z",
                "20261204T010000000Z")) {
            backup(name);
        }
        Path foreign = backup("my-copy-before-the-upgrade"); // a Derby backup an admin put there, named otherwise
        Files.createDirectories(root.resolve("notes"));

        Backups.prune(root, 0);
        assertEquals(5, Backups.list(root).size(), "0 keeps every backup");

        Backups.prune(root, 2);
        assertEquals(List.of("20261204T010000000Z", "20261203T010000000Z", "my-copy-before-the-upgrade"),
                Backups.list(root).stream().map(Backups.Backup::name).toList(), "the newest first, foreign ones last");
        assertTrue(Files.exists(foreign.resolve("derby").resolve("seg0").resolve("c10.dat")));
        assertTrue(Files.isDirectory(root.resolve("notes")));
        assertTrue(Files.notExists(root.resolve("20261201T010000000Z")), "an old backup goes whole");
    }

    /** A folder shaped as Derby's backup writes it. */
    private Path backup(String name) throws Exception {
        Path db = Files.createDirectories(root.resolve(name).resolve("derby").resolve("seg0"));
        Files.writeString(db.resolve("c10.dat"), "pages");
        Files.writeString(db.getParent().resolve("service.properties"), "derby");
        return root.resolve(name);
    }
}
