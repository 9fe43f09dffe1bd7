package dev.srooter.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.AuditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SinkOutboxTest {

    /** A batch of {@code size} events whose ids begin with {@code name}. */
    private static List<AuditEvent> batch(String name, int size) {
        List<AuditEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(AuditEvent.builder().id(name + "-" + i).status(200).build());
        }
        return events;
    }

    private static String first(List<AuditEvent> batch) {
        return batch.get(0).id().substring(0, batch.get(0).id().indexOf('-'));
    }

    @Test
    void aSinkThatHangsNeverHoldsTheWriterAndKeepsTheNewestRecords() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> handedOver = new CopyOnWriteArrayList<>();
        SinkOutbox outbox = new SinkOutbox("hung", 5_000, b -> {
            handedOver.add(first(b));
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outbox.offer(batch("b0", 1_000));
        long deadline = System.currentTimeMillis() + 5_000;
        while (handedOver.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("b0"), handedOver, "the first batch is with the sink, which hangs");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 1; i < 30; i++) {
                outbox.offer(batch("b" + i, 1_000)); // the audit writer's side: never waits
            }
        });
        assertEquals(5_000, outbox.waiting(), "the batch being handed over and the newest four");
        assertEquals(25_000, outbox.dropped(), "the oldest waiting ones, never the one with the sink");

        release.countDown();
        deadline = System.currentTimeMillis() + 5_000;
        while (handedOver.size() < 5 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("b0", "b26", "b27", "b28", "b29"), handedOver, "in order, the newest kept");
        assertTrue(outbox.stop(5_000));
        assertEquals(0, outbox.waiting());
    }

    @Test
    void oneSinkThatHangsDoesNotHoldUpAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SinkOutbox hung = new SinkOutbox("hung", 5_000, b -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> received = new CopyOnWriteArrayList<>();
        SinkOutbox healthy = new SinkOutbox("healthy", 5_000, b -> received.add(first(b)));
        for (int i = 0; i < 3; i++) {
            hung.offer(batch("b" + i, 10));
            healthy.offer(batch("b" + i, 10));
        }
        assertTrue(healthy.stop(5_000), "the healthy sink took everything");
        assertEquals(List.of("b0", "b1", "b2"), received);
        assertEquals(30, hung.waiting());
        release.countDown();
        assertTrue(hung.stop(5_000));
    }

    @Test
    void aCleanStopHandsOverWhatWaitsAndGivesUpOnASinkThatHangs() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        SinkOutbox slow = new SinkOutbox("slow", 5_000, b -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(first(b));
        });
        for (int i = 0; i < 5; i++) {
            slow.offer(batch("b" + i, 10));
        }
        assertTrue(slow.stop(5_000));
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), received, "nothing lost at a clean stop");
        slow.offer(batch("late", 10));
        assertEquals(0, slow.waiting(), "a stopped outbox takes nothing more");

        CountDownLatch never = new CountDownLatch(1);
        SinkOutbox hung = new SinkOutbox("hung", 5_000, b -> {
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hung.offer(batch("b0", 10));
        hung.offer(batch("b1", 10));
        long started = System.nanoTime();
        assertFalse(hung.stop(300), "it reports what it could not hand over");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "and does not wait for the sink");
        never.countDown();
    }
}
