package dev.srooter.server.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request says, in a form that stays the same across formats when translation loses nothing a
 * model needs: the system text, the turns as a flat sequence (each text, call, result and image with its
 * role), and the tools. Whitespace between text pieces is ignored (formats join pieces differently);
 * reasoning is left out (each format carries it differently, tested separately).
 */
record Conversation(String system, List<String> turns, List<String> tools) {

    static Conversation of(ChatRequest request) {
        StringBuilder system = new StringBuilder();
        request.system().forEach(p -> system.append(text(p)));
        List<String> turns = new ArrayList<>();
        for (Message m : request.messages()) {
            if (m.role() == Message.Role.SYSTEM) {
                m.parts().forEach(p -> system.append(text(p)));
                continue;
            }
            for (Part p : m.parts()) {
                String item = item(p);
                if (item == null) {
                    continue;
                }
                String entry = m.role() + " " + item;
                String last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
                if (item.startsWith("text:") && last != null && last.startsWith(m.role() + " text:")) {
                    turns.set(turns.size() - 1, last + item.substring(5));
                } else {
                    turns.add(entry);
                }
            }
        }
        List<String> tools = request.tools().stream()
                .map(t -> t.name() + " " + (t.parameters() == null ? "{}" : Js.text(t.parameters()))).toList();
        return new Conversation(system.toString(), turns, tools);
    }

    private static String text(Part p) {
        return p instanceof Part.Text t && t.text() != null ? t.text().replaceAll("\\s+", "") : "";
    }

    private static String item(Part p) {
        if (p instanceof Part.Text t) {
            String text = text(t);
            return text.isEmpty() ? null : "text:" + text;
        }
        if (p instanceof Part.ToolCall c) {
            return "call:" + c.id() + ":" + c.name() + ":" + Js.argumentsObject(c.arguments());
        }
        if (p instanceof Part.ToolResult r) {
            StringBuilder content = new StringBuilder();
            r.content().forEach(x -> content.append(x instanceof Part.Image i ? "[image " + i.asUrl().hashCode() + "]"
                    : text(x)));
            // OpenAI's formats have no error flag: srooter says "Error:" in the output instead
            return "result:" + r.callId() + ":" + (r.isError() ? "Error:" : "") + content;
        }
        if (p instanceof Part.Image i) {
            return "image:" + i.asUrl().hashCode();
        }
        return null;
    }
}
