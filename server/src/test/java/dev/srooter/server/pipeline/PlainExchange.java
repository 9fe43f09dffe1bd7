package dev.srooter.server.pipeline;

import dev.srooter.api.Operation;
import dev.srooter.api.ProviderConfig;
import dev.srooter.api.WireFormat;
import dev.srooter.server.providers.Capabilities;
import dev.srooter.server.providers.Price;
import dev.srooter.server.providers.Target;
import dev.srooter.server.wire.JsonScan;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An exchange for unit tests of stages, with no server: a request that has only headers and a response that
 * keeps the status and headers it is given (and discards its body).
 */
final class PlainExchange {

    private PlainExchange() {
    }

    /** What a stage wrote to the client. */
    static final class Written {
        int status;
        final Map<String, String> headers = new HashMap<>();
    }

    static Exchange of(Operation operation, String json) {
        return of(operation, json, new Written());
    }

    static Exchange of(Operation operation, String json, Written written) {
        Exchange exchange = new Exchange(operation, request(Map.of()), response(written));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.body = new RequestBody(exchange.clientFormat(), body, JsonScan.scan(body));
        } catch (JsonScan.Malformed e) {
            throw new IllegalArgumentException(e);
        }
        exchange.requestedModel = exchange.body.scan().string("model");
        exchange.stream = exchange.body.scan().isTrue("stream");
        return exchange;
    }

    /** A model of a provider, with a price per million tokens (input, output) and what it can do. */
    static Target model(String provider, String id, double input, double output, boolean tools, boolean vision,
                        Integer window, int rank) {
        return new Target(provider + "-id", new ProviderConfig(provider, "http://127.0.0.1:1", null),
                new dev.srooter.plugins.anthropic.AnthropicProvider(), id, id,
                new Price(input, output, 0, 0, true, "test"), Set.of(WireFormat.ANTHROPIC_MESSAGES),
                new Capabilities(window, null, tools, vision, false, rank, true), null);
    }

    static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(PlainExchange.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                            ? java.util.List.of(headers.get((String) args[0])) : java.util.List.of());
                    case "getQueryString" -> null;
                    default -> defaultValue(method.getReturnType());
                });
    }

    static HttpServletResponse response(Written written) {
        return (HttpServletResponse) Proxy.newProxyInstance(PlainExchange.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> written.status = (Integer) args[0];
                        case "setHeader", "addHeader" -> written.headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return new jakarta.servlet.ServletOutputStream() {
                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                                }

                                @Override
                                public void write(int b) {
                                }
                            };
                        }
                        default -> {
                            return defaultValue(method.getReturnType());
                        }
                    }
                    return null;
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
