package dev.srooter.server.pipeline;

/**
 * One step of the request pipeline. A stage reads the exchange, makes one decision and writes it
 * back; it stops the request by throwing a {@link dev.srooter.server.wire.GatewayError}.
 */
public interface Stage {

    void apply(Exchange exchange);
}
