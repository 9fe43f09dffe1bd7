package dev.srooter.server.providers;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A provider's answer as srooter takes it: an event stream is handed over as an {@link InputStream} to
 * relay piece by piece; anything else is collected whole by the HTTP client, which costs one hand-off
 * between threads instead of one per network read. Either way the answer is bounded once it has begun: silent
 * for longer than the provider's timeout, it ends with {@link UpstreamFault} ({@code upstream_idle}); a whole
 * answer larger than the limit ends the same way ({@code upstream_too_large}) instead of filling the heap.
 */
public sealed interface UpstreamBody {

    record Whole(byte[] bytes) implements UpstreamBody {
    }

    record Stream(InputStream in) implements UpstreamBody {
    }

    /** Chooses by the answer's status and content type, before any of its body is read. */
    static HttpResponse.BodyHandler<UpstreamBody> handler(long idleMillis, long maxWholeBytes) {
        return info -> {
            String type = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
            if (info.statusCode() < 300 && type.startsWith("text/event-stream")) {
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(),
                        in -> new Stream(new Watched(in, idleMillis)));
            }
            return HttpResponse.BodySubscribers.mapping(new Bounded(idleMillis, maxWholeBytes), Whole::new);
        };
    }

    /** An event stream that ends with {@link UpstreamFault} when the provider falls silent. */
    final class Watched extends FilterInputStream {
        private final IdleWatch watch;
        private final long idleMillis;
        private volatile boolean idle;

        Watched(InputStream in, long idleMillis) {
            super(in);
            this.idleMillis = idleMillis;
            this.watch = new IdleWatch(idleMillis, () -> {
                idle = true;
                try {
                    in.close(); // unblocks a read waiting for the provider
                } catch (IOException ignored) {
                    // closing what the provider left open
                }
            });
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                throw idle ? UpstreamFault.idle(idleMillis) : e;
            }
            if (idle) {
                throw UpstreamFault.idle(idleMillis);
            }
            if (n > 0) {
                watch.active();
            } else if (n < 0) {
                watch.stop();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            watch.stop();
            super.close();
        }
    }

    /** A whole answer, collected up to a size, given up when the provider falls silent. */
    final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final long idleMillis;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile IdleWatch watch;

        Bounded(long idleMillis, long maxBytes) {
            this.idleMillis = idleMillis;
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            watch = new IdleWatch(idleMillis, () -> fail(UpstreamFault.idle(idleMillis)));
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return; // given up on: what still arrives is dropped
            }
            watch.active();
            for (ByteBuffer item : items) {
                if (bytes.size() + (long) item.remaining() > maxBytes) {
                    fail(UpstreamFault.tooLarge(maxBytes));
                    return;
                }
                if (item.hasArray()) {
                    bytes.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
                    item.position(item.limit());
                } else {
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }
        }

        @Override
        public void onError(Throwable failure) {
            watch.stop();
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            watch.stop();
            result.complete(bytes.toByteArray());
        }

        private void fail(UpstreamFault fault) {
            watch.stop();
            if (result.completeExceptionally(fault)) {
                subscription.cancel();
            }
        }
    }
}
