package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Comparator;
import java.util.List;

/** The turns of a real client's tool loop, read back from the audit log. */
final class TaskLoops {

    private TaskLoops() {
    }

    /** Checks that every turn of a loop was served by one model of one provider, prints which, and returns the provider. */
    static String oneModelAndProvider(List<JsonObject> loop, String client) {
        JsonObject first = loop.get(0);
        System.out.println(client + " tool loop under srooter defaults: " + loop.size() + " turns, intent "
                + first.getString("intent", "-") + ", served by " + first.getString("provider") + "/"
                + first.getString("servedModel"));
        for (JsonObject turn : loop) {
            assertEquals(first.getString("servedModel"), turn.getString("servedModel"), "one model: " + loop);
            assertEquals(first.getString("provider"), turn.getString("provider"), "one provider: " + loop);
        }
        return first.getString("provider");
    }

    /**
     * The records, in turn order, of the one task since {@code since} on {@code endpoint} that had a follow-up
     * (a tool loop, not a side call).
     */
    static List<JsonObject> loopTurns(Gateway gateway, String since, String endpoint) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            List<JsonObject> records = Gateway.array(gateway.admin("GET", "/api/audit?limit=200&from=" + since, null)
                    .body()).stream().map(JsonValue::asJsonObject)
                    .filter(r -> endpoint.equals(r.getString("endpoint", "")) && r.containsKey("task")).toList();
            String task = records.stream().filter(r -> r.getInt("turn", 0) > 0).map(r -> r.getString("task"))
                    .findFirst().orElse(null);
            if (task != null) {
                List<JsonObject> turns = records.stream().filter(r -> task.equals(r.getString("task")))
                        .sorted(Comparator.comparingInt(r -> r.getInt("turn"))).toList();
                if (turns.get(0).getInt("turn") == 0 || System.currentTimeMillis() > deadline) {
                    assertFalse(turns.isEmpty());
                    return turns;
                }
            } else if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no tool loop in the audit since " + since + ": " + records);
            }
            Gateway.sleep(100);
        }
    }
}
