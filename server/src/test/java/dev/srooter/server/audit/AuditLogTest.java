package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.srooter.server.security.Sha256;
import dev.srooter.server.store.AuditRecord;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditLogTest {

    /** A store that is slow and fails now and then, as a database under load does. */
    static final class FlakyStore extends AuditStore {
        final List<AuditRecord> saved = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void saveAll(List<AuditRecord> records, boolean writerBehind) {
            if (calls.incrementAndGet() % 3 == 0) {
                throw new IllegalStateException("database hiccup");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saved.addAll(records);
        }
    }

    static final class PlainThreads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aCleanStopWritesEveryQueuedRecordWithItsDigest() throws Exception {
        AuditLog log = new AuditLog();
        FlakyStore store = new FlakyStore();
        log.store = store;
        log.threads = new PlainThreads();
        log.sinks = new AuditSinks(); // none enabled: the database only
        log.start();

        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            producers.add(new Thread(() -> {
                for (int i = 0; i < 2500; i++) {
                    AuditRecord record = new AuditRecord();
                    record.id = thread + "-" + i;
                    log.submit(record, ("prompt " + i).getBytes(StandardCharsets.UTF_8));
                }
            }));
        }
        producers.forEach(Thread::start);
        for (Thread producer : producers) {
            producer.join();
        }
        log.stop(); // right away: most records are still queued

        assertEquals(10_000, store.saved.size());
        assertEquals(10_000, store.saved.stream().map(r -> r.id).distinct().count());
        AuditRecord any = store.saved.get(1234);
        assertNotNull(any.promptSha256);
        assertEquals(Sha256.hex("prompt " + any.id.substring(any.id.indexOf('-') + 1)), any.promptSha256);
    }

    /**
     * The queue holds records, not prompts: the digest is taken when a record is submitted, so a writer that is behind
     * (or a database that is away) keeps a kilobyte per request waiting, not the request's whole body.
     */
    @Test
    void aQueuedRecordAlreadyCarriesItsDigestAndNotThePrompt() {
        AuditLog log = new AuditLog(); // never started: nothing writes
        AuditRecord record = new AuditRecord();
        record.id = "queued";
        byte[] prompt = new byte[60 * 1024];
        java.util.Arrays.fill(prompt, (byte) 'x');

        log.submit(record, prompt);

        assertEquals(1, log.backlog());
        assertEquals(Sha256.hex(prompt), record.promptSha256);
    }
}
