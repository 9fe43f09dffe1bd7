package dev.srooter.server.cortex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks an uploaded repository archive, refusing entries that would land outside its folder. */
public final class Archives {

    private static final long MAX_BYTES = 500L * 1024 * 1024;

    private Archives() {
    }

    public static void unzip(InputStream zip, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path root = folder.toRealPath();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException("the archive's entry " + entry.getName()
                            + " points outside its folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                total += Files.copy(in, target);
                if (total > MAX_BYTES) {
                    throw new IllegalArgumentException("the archive unpacks to more than 500 MB");
                }
            }
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the archive is empty or not a zip");
        }
    }
}
