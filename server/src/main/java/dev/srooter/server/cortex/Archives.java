package dev.srooter.server.cortex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded repository archive, refusing entries that would land outside its folder, and stopping the
 * moment it has written more than its limits: a small zip of zeros once unpacked in full before its size was
 * checked, and could fill the disk the database lives on. A refused or broken archive leaves nothing behind.
 */
public final class Archives {

    static final long MAX_BYTES = 500L * 1024 * 1024;
    static final int MAX_ENTRIES = 100_000;

    private Archives() {
    }

    public static void unzip(InputStream zip, Path folder) throws IOException {
        unzip(zip, folder, MAX_BYTES, MAX_ENTRIES);
    }

    static void unzip(InputStream zip, Path folder, long maxBytes, int maxEntries) throws IOException {
        Files.createDirectories(folder);
        boolean done = false;
        try {
            write(zip, folder.toRealPath(), maxBytes, maxEntries);
            done = true;
        } finally {
            if (!done) {
                delete(folder);
            }
        }
    }

    private static void write(InputStream zip, Path root, long maxBytes, int maxEntries) throws IOException {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > maxEntries) {
                    throw new IllegalArgumentException("the archive holds more than " + maxEntries + " entries");
                }
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
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new IllegalArgumentException("the archive unpacks to more than "
                                    + maxBytes / (1024 * 1024) + " MB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        }
        if (entries == 0) {
            throw new IllegalArgumentException("the archive is empty or not a zip");
        }
    }

    /** Removes a folder and everything in it. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
