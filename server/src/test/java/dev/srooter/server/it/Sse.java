package dev.srooter.server.it;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A server-sent event stream split into events, for assertions. */
public record Sse(List<Event> events) {

    /** One event: its name (null when the stream names none) and its data. */
    public record Event(String name, String data) {
        public JsonObject json() {
            return Gateway.object(data);
        }
    }

    public static Sse parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            if (data.length() > 0) {
                events.add(new Event(name, data.toString()));
            }
        }
        return new Sse(events);
    }

    public List<String> names() {
        return events.stream().map(Event::name).toList();
    }

    public Event last() {
        return events.get(events.size() - 1);
    }
}
