package dev.srooter.server.providers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** For the transport's tests: a fake provider's accept loop, each connection counted and served on a thread. */
final class Acceptor {

    private Acceptor() {
    }

    /** Accepts until {@code server} is closed, on a daemon thread. */
    static void start(ServerSocket server, AtomicInteger connections, Consumer<Socket> serve) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve.accept(socket));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-provider");
        acceptor.setDaemon(true);
        acceptor.start();
    }
}
