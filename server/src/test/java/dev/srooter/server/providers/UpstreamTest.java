package dev.srooter.server.providers;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which transport takes a model call: srooter's own for an origin reached directly, the JDK's client otherwise. */
class UpstreamTest {

    @Test
    void aDirectOriginTakesTheOwnTransportOnceMade() {
        Upstream upstream = new Upstream();
        Http1Transport first = upstream.own(URI.create("https://api.anthropic.example/v1/messages"));
        assertNotNull(first);
        assertSame(first, upstream.own(URI.create("http://127.0.0.1:11434/api/chat")));
    }

    @Test
    void switchedOffEveryCallTakesTheJdkClient() {
        Upstream upstream = new Upstream();
        upstream.ownEnabled = false; // SROOTER_UPSTREAM_CLIENT=jdk
        assertNull(upstream.own(URI.create("https://api.anthropic.example/v1/messages")));
    }

    @Test
    void anOriginTheJvmSendsThroughAProxyTakesTheJdkClient() {
        ProxySelector before = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getHost().endsWith(".proxied.example")
                        ? List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 3128)))
                        : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        try {
            Upstream upstream = new Upstream();
            assertNull(upstream.own(URI.create("https://api.proxied.example/v1/messages")));
            assertNotNull(upstream.own(URI.create("https://api.direct.example/v1/messages")));
        } finally {
            ProxySelector.setDefault(before);
        }
    }
}
