package dev.srooter.server.pipeline;

import dev.srooter.api.WireFormat;
import dev.srooter.server.translate.Codec;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * How one request crosses wire formats: the codecs on each side, the client's parsed body (its stream
 * options shape the answer), and what could not be carried and was dropped.
 */
public record Translation(WireFormat providerFormat, Codec client, Codec provider, JsonObject clientBody,
                          List<String> dropped) {
}
