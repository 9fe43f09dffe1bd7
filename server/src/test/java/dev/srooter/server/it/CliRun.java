package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a real npm client (Claude Code, Codex CLI) as a developer would start it, in a clean environment. */
record CliRun(int exitCode, String stdout, String stderr) {

    /** The installed client's launcher, {@code testkit/clients/node_modules/.bin/<name>}. */
    static Path client(String name) {
        Path binary = Path.of(System.getProperty("srooter.clients.dir", "../testkit/clients"))
                .resolve("node_modules/.bin/" + name).toAbsolutePath();
        assertTrue(Files.isExecutable(binary), name + " is not installed at " + binary
                + "; the build runs testkit/clients/install.sh");
        return binary;
    }

    /**
     * Runs {@code command} in {@code directory} with only PATH and {@code env} set (no HOME or config of the
     * machine's leaks in), its output kept in {@code work}; fails the test if it runs longer than 3 minutes.
     */
    static CliRun run(Path work, Path directory, Map<String, String> env, String... command) throws Exception {
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        CliRun run = new CliRun(finished ? process.exitValue() : -1, Files.readString(stdout), Files.readString(stderr));
        assertTrue(finished, command[0] + " did not finish in 3 minutes; " + run);
        return run;
    }
}
