package dev.srooter.server.translate;

import java.util.List;

/** Turns one provider's server-sent events, one at a time, into canonical stream events. */
public interface StreamReader {

    /** One event: its {@code event:} name (may be null) and its {@code data}. */
    List<StreamEvent> read(String event, String data);

    /** The provider's stream ended; closes anything left open (a stream cut short has no finish). */
    List<StreamEvent> end();
}
