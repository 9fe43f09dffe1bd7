import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The audit writer's own work a row: srooter's {@code AuditStore.saveAll} on an embedded Derby migrated as the server
 * migrates it, fed batches of records like the benchmark's, timed on the writer's thread alone. Prints the processor
 * time and the garbage a row, and the processor time of a batch at p50 and p99. Run by {@code bench/auditwriter.py},
 * which compiles it against the classes of the code being measured.
 *
 * <p>Arguments: rows to write, rows a batch (the writer gathers 100 ms of requests: about 250 at c=1), a folder for
 * the database (the caller removes it).
 */
public class AuditWriterBench {

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int batchSize = Integer.parseInt(args[1]);
        Path folder = Path.of(args[2]);
        DataSource ds = (DataSource) Class.forName("dev.srooter.server.store.EmbeddedDerby")
                .getMethod("open", Path.class).invoke(null, folder.resolve("db"));
        Class<?> storeClass = Class.forName("dev.srooter.server.audit.AuditStore");
        Object store = storeClass.getConstructor().newInstance();
        var field = storeClass.getDeclaredField("dataSource");
        field.setAccessible(true);
        field.set(store, ds);
        var saveAll = storeClass.getMethod("saveAll", List.class);

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        Random random = new Random(1);
        String[] tasks = new String[50];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = hex(random, 2);
        }
        for (int phase = 0; phase < 2; phase++) { // the first quarter warms the JIT and the page cache
            int count = phase == 0 ? rows / 4 : rows;
            long cpu = 0;
            long bytes = 0;
            List<Long> batches = new ArrayList<>();
            for (int done = 0; done < count; done += batchSize) {
                List<Object> batch = new ArrayList<>(batchSize);
                for (int i = 0; i < batchSize; i++) {
                    batch.add(record(random, tasks));
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getThreadAllocatedBytes(me);
                saveAll.invoke(store, batch);
                long took = threads.getCurrentThreadCpuTime() - cpu0;
                bytes += threads.getThreadAllocatedBytes(me) - bytes0;
                cpu += took;
                batches.add(took);
            }
            if (phase == 1) {
                Collections.sort(batches);
                System.out.printf("cpu_us_per_row %.1f alloc_bytes_per_row %.0f batch_cpu_ms_p50 %.2f batch_cpu_ms_p99 %.2f%n",
                        cpu / 1e3 / count, (double) bytes / count, batches.get(batches.size() / 2) / 1e6,
                        batches.get(batches.size() * 99 / 100) / 1e6);
            }
        }
    }

    private static String hex(Random random, int longs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < longs; i++) {
            s.append(HexFormat.of().toHexDigits(random.nextLong()));
        }
        return s.toString();
    }

    /** A record as a 2 KB Messages request through the benchmark leaves it. */
    private static Object record(Random random, String[] tasks) throws Exception {
        Class<?> type = Class.forName("dev.srooter.server.store.AuditRecord");
        Object r = type.getConstructor().newInstance();
        long now = System.currentTimeMillis();
        set(r, "id", "req_" + HexFormat.of().toHexDigits(now).substring(4) + hex(random, 1));
        set(r, "createdAt", Instant.ofEpochMilli(now));
        set(r, "keyId", "0b9f5e0c-6a43-4d55-9d8e-2f1f0c7d1a11");
        set(r, "username", "bench" + random.nextInt(3));
        set(r, "endpoint", "/v1/messages");
        set(r, "requestedModel", "claude-sonnet-4-5");
        set(r, "servedModel", "claude-sonnet-4-5");
        set(r, "provider", "anthropic");
        set(r, "route", "requested");
        set(r, "inputTokens", 1200L);
        set(r, "outputTokens", 300L);
        set(r, "costUsd", 0.0081);
        set(r, "priceKnown", true);
        set(r, "latencyMs", 0.41);
        set(r, "ttfbMs", 0.38);
        set(r, "status", 200);
        set(r, "promptSha256", hex(random, 4));
        set(r, "intent", "substantive");
        set(r, "intentConfidence", 0.83);
        set(r, "attempts", "anthropic/claude-sonnet-4-5 200 0.4");
        set(r, "skills", "spec-first");
        set(r, "task", tasks[random.nextInt(tasks.length)]);
        set(r, "turn", random.nextInt(10));
        return r;
    }

    private static void set(Object r, String name, Object value) throws Exception {
        r.getClass().getField(name).set(r, value);
    }
}
