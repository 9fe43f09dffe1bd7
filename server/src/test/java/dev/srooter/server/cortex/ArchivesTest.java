package dev.srooter.server.cortex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 4: a zip bomb was checked only after each entry was written whole, and left its folder behind. */
class ArchivesTest {

    @TempDir
    Path dir;

    /** A zip of one entry of {@code size} zeros: a few kilobytes that unpack to {@code size} bytes. */
    private static byte[] zeros(long size) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < size; written += chunk.length) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aBombStopsAtTheLimitAndLeavesNothingBehind() throws Exception {
        byte[] bomb = zeros(64L << 20);
        assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
        Path folder = dir.resolve("bomb");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Archives.unzip(new ByteArrayInputStream(bomb), folder, 8L << 20, 100));
        assertTrue(refused.getMessage().contains("more than 8 MB"), refused.getMessage());
        assertFalse(Files.exists(folder), "the folder of a refused upload is removed");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int k = 0; k < 20; k++) {
                zip.putNextEntry(new ZipEntry("f" + k + ".py"));
                zip.write('x');
                zip.closeEntry();
            }
        }
        Path folder = dir.resolve("many");
        assertThrows(IllegalArgumentException.class,
                () -> Archives.unzip(new ByteArrayInputStream(bytes.toByteArray()), folder, 1 << 20, 10));
        assertFalse(Files.exists(folder));
        Archives.unzip(new ByteArrayInputStream(bytes.toByteArray()), folder, 1 << 20, 20);
        assertEquals(20, Files.list(folder).count());
    }

    @Test
    void theRootOfTheFileSystemAndFoldersOutsideTheRootsCannotBeRegistered() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> ServerFolders.permitted(Path.of("/"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerFolders.permitted(Path.of("/etc"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerFolders.permitted(Path.of("relative"), List.of()));
        Path repo = Files.createDirectories(dir.resolve("repos/a"));
        assertEquals(repo.toRealPath(), ServerFolders.permitted(repo, List.of()));
        assertEquals(repo.toRealPath(), ServerFolders.permitted(repo, List.of(dir.resolve("repos"))));
        Path other = Files.createDirectories(dir.resolve("elsewhere/b"));
        assertThrows(IllegalArgumentException.class, () -> ServerFolders.permitted(other, List.of(dir.resolve("repos"))));
    }
}
