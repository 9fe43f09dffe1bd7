package dev.srooter.server.cortex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which folders of the server may be registered for indexing. A registered folder is walked and watched at every
 * start, so {@code /} or {@code /etc} must not be one: a folder is at least two levels deep and, when the admin
 * configured roots ({@code SROOTER_CORTEX_ROOTS}), inside one of them. Links are resolved first.
 */
public final class ServerFolders {

    private ServerFolders() {
    }

    /** The folder's real path when it may be registered; else an IllegalArgumentException that says why. */
    public static Path permitted(Path asked, List<Path> roots) throws IOException {
        if (!asked.isAbsolute()) {
            throw new IllegalArgumentException("the path must be absolute: " + asked);
        }
        if (!Files.isDirectory(asked)) {
            throw new IllegalArgumentException("no folder at " + asked + " on this server");
        }
        Path real = asked.toRealPath();
        if (real.getNameCount() < 2) {
            throw new IllegalArgumentException(real + " is too near the root of the file system to index");
        }
        if (!roots.isEmpty() && roots.stream().noneMatch(root -> within(real, root))) {
            throw new IllegalArgumentException(real + " is outside the folders this server indexes: " + roots);
        }
        return real;
    }

    private static boolean within(Path folder, Path root) {
        try {
            return folder.startsWith(root.toRealPath());
        } catch (IOException gone) {
            return false;
        }
    }
}
