package dev.srooter.server.providers;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body the HTTP client sends straight from srooter's array. The JDK's {@code BodyPublishers.ofByteArray}
 * copies the array into new 16 KB buffers first: a third copy of every body on its way upstream (4% of all the bytes
 * the gateway allocated under load, in a JFR allocation profile; bench/README.md). Each subscription (a retry
 * subscribes again) gets its own buffer over the same bytes, which nothing changes once a request is made: a plain
 * wrap, as the JDK's own {@code ofByteArrays} and {@code ofInputStream} hand out (a read-only one would be safe only
 * as long as no path of the client, HTTP/2 and TLS included, ever asks a buffer for its array).
 */
final class WholeBody implements HttpRequest.BodyPublisher {

    private final byte[] bytes;

    WholeBody(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long contentLength() {
        return bytes.length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public synchronized void request(long n) {
                if (done) {
                    return;
                }
                done = true;
                if (n <= 0) {
                    subscriber.onError(new IllegalArgumentException("a subscriber asked for " + n + " items"));
                    return;
                }
                if (bytes.length > 0) {
                    subscriber.onNext(ByteBuffer.wrap(bytes));
                }
                subscriber.onComplete();
            }

            @Override
            public synchronized void cancel() {
                done = true;
            }
        });
    }
}
