package dev.srooter.server.translate;

/** Turns canonical stream events into one client format's server-sent events. */
public interface StreamWriter {

    /** The text of the events to send for one canonical event (may be empty). */
    String write(StreamEvent event);
}
